#pragma once

#include "store.h"

#include <QObject>

class QUndoStack;

namespace dnt {

// Removes an imported file's lookups from the project as one undoable step on the shared undo stack
// (Edit › Undo brings the file and every lookup back exactly: Store::restoreFile). Each step is written
// at once; a step is pushed only after it is on disk. GUI thread; a removal reads the file's rows (about
// a second per few million lookups), on a thread of its own while the window keeps painting
// (waitInBackground), between busyChanged(true) and busyChanged(false).
class FileRemover : public QObject
{
    Q_OBJECT
public:
    FileRemover(QUndoStack *undoStack, QObject *parent = nullptr);
    void setProjectPath(const QString &path) { m_path = path; }

    bool removeFile(const FileRecord &file);
    // Used by the undo command.
    bool apply(int64_t fileId, bool remove);

signals:
    // The project's lookups changed: everything that shows them re-reads.
    void projectChanged();
    void failed(const QString &message);
    void busyChanged(bool busy);

private:
    QUndoStack *m_undo;
    QString m_path;
};

} // namespace dnt
