#pragma once

#include <QObject>
#include <QTimeZone>

class QMainWindow;
class QUndoStack;

namespace dnt {

class ChartPane;
class FileListModel;
class FileRemover;
class FilesPanel;
class ReadJobRunner;
class RecordTableModel;
class RecordsPanel;
class SelectionPanel;

// The records table and the files panel as docks of the main window, wired to the chart (selection
// and selected time range) and to the undo stack; so that MainWindow only creates this and forwards
// project changes.
class WorkspaceDocks : public QObject
{
    Q_OBJECT
public:
    WorkspaceDocks(QMainWindow *window, ReadJobRunner *runner, ChartPane *chart, SelectionPanel *selection,
                   QUndoStack *undo);

    RecordsPanel *recordsPanel() const { return m_records; }
    RecordTableModel *recordModel() const { return m_recordModel; }
    FilesPanel *filesPanel() const { return m_files; }
    FileListModel *fileModel() const { return m_fileModel; }

    void setProjectPath(const QString &path);
    void setDisplayZone(const QTimeZone &zone);
    void setInteractive(bool interactive);
    // After an import: the files and the records are read again.
    void refresh();

signals:
    // A file was removed or brought back: everything showing lookups must re-read.
    void projectChanged();
    void failed(const QString &title, const QString &message);

private:
    RecordTableModel *m_recordModel;
    RecordsPanel *m_records;
    FileListModel *m_fileModel;
    FileRemover *m_remover;
    FilesPanel *m_files;
};

} // namespace dnt
