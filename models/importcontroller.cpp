#include "importcontroller.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace dnt {

ImportController::ImportController(QObject *parent)
    : QObject(parent), m_cancel(std::make_unique<std::atomic_bool>(false))
{
    qRegisterMetaType<dnt::ImportReport>();
    m_pool.setMaxThreadCount(1);
}

ImportController::~ImportController()
{
    cancel();
    waitForFinished();
}

bool ImportController::start(const QString &projectPath, const QStringList &files, const ImportOptions &options)
{
    if (isRunning())
        return false;
    m_cancel->store(false);
    delete m_watcher;
    m_watcher = new QFutureWatcher<ImportReport>(this);
    connect(m_watcher, &QFutureWatcher<ImportReport>::finished, this, [this] { emit finished(m_watcher->result()); });
    const std::atomic_bool *cancelFlag = m_cancel.get();
    QPointer<ImportController> self(this);
    m_watcher->setFuture(QtConcurrent::run(&m_pool, [projectPath, files, options, cancelFlag, self]() {
        ImportReport report;
        QString error;
        auto store = Store::open(projectPath, Store::Mode::Create, &error);
        if (!store) {
            for (const auto &f : files) {
                FileImportReport r;
                r.path = f;
                r.message = error;
                report.files.append(r);
            }
            return report;
        }
        Importer importer(store.get(), options);
        importer.setCancelFlag(cancelFlag);
        importer.setProgress([self](int index, int count, int perMille) {
            if (!self)
                return;
            // Queued: the slot runs on the GUI thread; dropped if the controller is gone.
            QMetaObject::invokeMethod(
                self.data(),
                [self, index, count, perMille] {
                    if (self)
                        emit self->progress(index, count, perMille);
                },
                Qt::QueuedConnection);
        });
        return importer.importFiles(files);
    }));
    return true;
}

bool ImportController::isRunning() const
{
    return m_watcher && m_watcher->isRunning();
}

void ImportController::cancel()
{
    m_cancel->store(true);
}

void ImportController::waitForFinished()
{
    if (m_watcher)
        m_watcher->waitForFinished();
}

} // namespace dnt
