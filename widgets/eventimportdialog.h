#pragma once

#include "eventfile.h"

#include <QDialog>

class QCheckBox;
class QPushButton;
class QTableWidget;

namespace dnt {

// The preview before events are imported: every row that will be added, every duplicate of an event
// already in the project (same start and title: not added again) and every bad row with its line and
// reason. A file with bad rows imports nothing unless the user ticks "import only the good rows".
class EventImportDialog : public QDialog
{
    Q_OBJECT
public:
    EventImportDialog(const QString &path, const EventFileResult &parsed, const QVector<Event> &existing,
                      QWidget *parent = nullptr);

    QVector<Event> eventsToImport() const { return m_new; }
    int duplicates() const { return m_duplicates; }
    int badRows() const { return static_cast<int>(m_problems); }
    bool canImport() const;
    QCheckBox *onlyGoodRows() const { return m_onlyGood; }

private:
    void update();

    QVector<Event> m_new;
    int m_duplicates = 0;
    qsizetype m_problems = 0;
    QTableWidget *m_table;
    QCheckBox *m_onlyGood;
    QPushButton *m_import;
};

} // namespace dnt
