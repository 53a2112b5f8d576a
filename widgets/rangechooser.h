#pragma once

#include "timerange.h"

#include <QComboBox>
#include <QTimeZone>

namespace dnt {

class RangeDialog;

// The chart toolbar's range choice: project span, selection span, the last day/week/month of the data,
// or a typed range (RangeDialog, in the display zone). Choosing an entry (even the current one: a typed
// range can be typed again) emits choiceChanged; a cancelled typed range changes nothing.
class RangeChooser : public QComboBox
{
    Q_OBJECT
public:
    explicit RangeChooser(QWidget *parent = nullptr);

    RangeChoice choice() const { return m_choice; }
    // Shows this choice; does not emit choiceChanged.
    void setChoice(const RangeChoice &choice);
    // The zone the typed range is read in, and the range it starts from (what the chart shows).
    void setDisplayZone(const QTimeZone &zone);
    void setSuggestedRange(int64_t fromUs, int64_t toUs);
    RangeDialog *dialog() const { return m_dialog; }
    // The index of the "Typed range…" entry.
    int typedIndex() const { return count() - 1; }

signals:
    void choiceChanged(const dnt::RangeChoice &choice);

private:
    void onActivated(int index);
    void showChoice();

    RangeChoice m_choice;
    RangeDialog *m_dialog;
    QTimeZone m_zone = QTimeZone::utc();
    std::pair<int64_t, int64_t> m_suggested{0, 0};
};

} // namespace dnt
