#include "fileremover.h"

#include "backgroundwait.h"

#include <QFileInfo>
#include <QUndoCommand>
#include <QUndoStack>

namespace dnt {

namespace {

class RemoveFileCommand : public QUndoCommand
{
public:
    RemoveFileCommand(FileRemover *remover, int64_t fileId, const QString &text)
        : QUndoCommand(text), m_remover(remover), m_fileId(fileId)
    {
    }
    void undo() override { m_remover->apply(m_fileId, false); }
    void redo() override
    {
        if (m_first) { // already done before the push
            m_first = false;
            return;
        }
        m_remover->apply(m_fileId, true);
    }

private:
    FileRemover *m_remover;
    int64_t m_fileId;
    bool m_first = true;
};

} // namespace

FileRemover::FileRemover(QUndoStack *undoStack, QObject *parent) : QObject(parent), m_undo(undoStack) {}

bool FileRemover::apply(int64_t fileId, bool remove)
{
    const QString path = m_path;
    emit busyChanged(true);
    const QString error = waitInBackground<QString>([path, fileId, remove] {
        QString e;
        auto store = Store::open(path, Store::Mode::ReadWrite, &e);
        const bool ok = store && (remove ? store->removeFile(fileId, &e) : store->restoreFile(fileId, &e));
        return ok ? QString() : (e.isEmpty() ? QStringLiteral("%1: the file could not be changed").arg(path) : e);
    });
    emit busyChanged(false);
    const bool ok = error.isEmpty();
    if (!ok) {
        emit failed(error);
        return false;
    }
    emit projectChanged();
    return true;
}

bool FileRemover::removeFile(const FileRecord &file)
{
    if (!apply(file.id, true))
        return false;
    m_undo->push(new RemoveFileCommand(this, file.id, tr("Remove file “%1”").arg(QFileInfo(file.path).fileName())));
    return true;
}

} // namespace dnt
