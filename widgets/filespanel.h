#pragma once

#include "store.h"

#include <QWidget>

class QPushButton;
class QTableView;

namespace dnt {

class FileListModel;
class FileRemover;

// The project's imported files with their provenance and counts; shows a file's rejected lines and
// removes a file's lookups (after a confirmation; one undo step through the FileRemover).
class FilesPanel : public QWidget
{
    Q_OBJECT
public:
    FilesPanel(FileListModel *model, FileRemover *remover, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    void setProjectPath(const QString &path);
    // Tests turn confirmations and dialogs off (a removal then goes ahead without asking).
    void setInteractive(bool interactive) { m_interactive = interactive; }
    std::optional<FileRecord> currentFile() const;

public slots:
    // Re-reads the files (cheap: one small table).
    void reload();
    void showRejected();
    void removeCurrent();

private:
    void updateButtons();

    FileListModel *m_model;
    FileRemover *m_remover;
    QTableView *m_view;
    QPushButton *m_rejected;
    QPushButton *m_remove;
    QString m_path;
    bool m_interactive = true;
};

} // namespace dnt
