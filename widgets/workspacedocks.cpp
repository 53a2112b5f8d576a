#include "workspacedocks.h"

#include "chartpane.h"
#include "filelistmodel.h"
#include "fileremover.h"
#include "filespanel.h"
#include "recordspanel.h"
#include "recordtablemodel.h"
#include "selectionpanel.h"
#include "timelinechart.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QStatusBar>

namespace dnt {

WorkspaceDocks::WorkspaceDocks(QMainWindow *window, ReadJobRunner *runner, ChartPane *chart,
                               SelectionPanel *selection, QUndoStack *undo)
    : QObject(window)
{
    m_recordModel = new RecordTableModel(runner, this);
    m_records = new RecordsPanel(m_recordModel, window);
    m_fileModel = new FileListModel(this);
    m_remover = new FileRemover(undo, this);
    m_files = new FilesPanel(m_fileModel, m_remover, window);

    auto *recordsDock = new QDockWidget(tr("Records"), window);
    recordsDock->setObjectName(QStringLiteral("recordsDock"));
    recordsDock->setWidget(m_records);
    recordsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    window->addDockWidget(Qt::BottomDockWidgetArea, recordsDock);
    auto *filesDock = new QDockWidget(tr("Files"), window);
    filesDock->setObjectName(QStringLiteral("filesDock"));
    filesDock->setWidget(m_files);
    filesDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    window->addDockWidget(Qt::BottomDockWidgetArea, filesDock);
    // Records, files and events share the bottom area as tabs; the records come first.
    const QList<QDockWidget *> bottom = window->findChildren<QDockWidget *>();
    for (QDockWidget *d : bottom)
        if (d != recordsDock && d != filesDock && window->dockWidgetArea(d) == Qt::BottomDockWidgetArea)
            window->tabifyDockWidget(d, recordsDock);
    window->tabifyDockWidget(recordsDock, filesDock);
    recordsDock->raise();

    // The records follow what is charted, whichever panel chose it.
    connect(chart, &ChartPane::selectionChanged, m_records, &RecordsPanel::setSelection);
    connect(chart->chart(), &TimelineChart::rangeSelected, m_records, &RecordsPanel::setTimeRange);
    connect(m_remover, &FileRemover::projectChanged, this, &WorkspaceDocks::projectChanged);
    connect(m_remover, &FileRemover::failed, this,
            [this](const QString &m) { emit failed(tr("File not removed or restored"), m); });
    connect(m_records, &RecordsPanel::failed, this, [this](const QString &m) { emit failed(tr("Records"), m); });
    connect(m_records, &RecordsPanel::exported, window, [window](const QString &path, qint64 rows) {
        window->statusBar()->showMessage(tr("%1 lookups written to %2").arg(rows).arg(path), 8000);
    });
}

void WorkspaceDocks::setProjectPath(const QString &path)
{
    m_files->setProjectPath(path);
    if (path.isEmpty())
        m_recordModel->clear();
}

void WorkspaceDocks::setDisplayZone(const QTimeZone &zone)
{
    m_records->setDisplayZone(zone);
    m_fileModel->setDisplayZone(zone);
}

void WorkspaceDocks::setInteractive(bool interactive)
{
    m_records->setInteractive(interactive);
    m_files->setInteractive(interactive);
}

void WorkspaceDocks::refresh()
{
    m_files->reload();
    m_records->refresh();
}

} // namespace dnt
