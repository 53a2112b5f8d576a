#pragma once

#include <QDialog>
#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <utility>

class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace dnt {

// The chart toolbar's "Typed range…": from and to as wall-clock times of the display zone, each with a
// calendar popup. OK is offered only while from is before to; the message under the fields says why not.
class RangeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RangeDialog(QWidget *parent = nullptr);

    // The zone the fields are read in (shown in the dialog). Set it before setRange.
    void setDisplayZone(const QTimeZone &zone);
    QTimeZone displayZone() const { return m_zone; }
    // Fills the fields (to the second) with this range in the display zone.
    void setRange(int64_t fromUs, int64_t toUs);
    // The range typed, [from, to) in UTC microseconds; nullopt while it is not a range (to <= from).
    std::optional<std::pair<int64_t, int64_t>> range() const;

    QDateTimeEdit *fromEdit() const { return m_from; }
    QDateTimeEdit *toEdit() const { return m_to; }
    QLabel *problemLabel() const { return m_problem; }
    QPushButton *okButton() const;

private:
    void validate();
    static QString emptyRangeMessage();
    int64_t toUs(const QDateTimeEdit *edit) const;

    QTimeZone m_zone = QTimeZone::utc();
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QLabel *m_zoneNote;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace dnt
