#pragma once

#include "event.h"

#include <QDialog>
#include <QTimeZone>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace dnt {

// Adds or edits one event. Times are typed in the display zone ("2016-07-27", "2016-07-27 19:00", or
// ISO 8601 with a zone). A date alone is a whole day: as a start with no end, that one day; as an end,
// up to the end of that day.
class EventDialog : public QDialog
{
    Q_OBJECT
public:
    EventDialog(const Event &event, const QTimeZone &zone, const QStringList &categories, QWidget *parent = nullptr);

    // The event as entered; valid only after accept() (or when validate() returns empty).
    Event event() const { return m_result; }
    // Empty when the fields make a valid event, else why not (also shown in the dialog).
    QString validate();

    QLineEdit *startEdit() const { return m_start; }
    QLineEdit *endEdit() const { return m_end; }
    QLineEdit *titleEdit() const { return m_title; }
    QComboBox *categoryEdit() const { return m_category; }
    QPlainTextEdit *noteEdit() const { return m_note; }
    QLineEdit *urlEdit() const { return m_url; }

private:
    Event m_original;
    Event m_result;
    QTimeZone m_zone;
    QLineEdit *m_start;
    QLineEdit *m_end;
    QLineEdit *m_title;
    QComboBox *m_category;
    QPlainTextEdit *m_note;
    QLineEdit *m_url;
    QLabel *m_problem;
};

} // namespace dnt
