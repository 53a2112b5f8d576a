#include "filespanel.h"

#include "filelistmodel.h"
#include "fileremover.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace dnt {

FilesPanel::FilesPanel(FileListModel *model, FileRemover *remover, QWidget *parent)
    : QWidget(parent), m_model(model), m_remover(remover)
{
    m_view = new QTableView(this);
    m_view->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    // The file name gets the room; the figures take what they need and the SHA-256 (64 hex digits)
    // starts narrow, elided, and can be widened or read in its tooltip.
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(FileListModel::FileColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(FileListModel::Sha256Column, QHeaderView::Interactive);
    m_view->setColumnWidth(FileListModel::Sha256Column, 14 * m_view->fontMetrics().horizontalAdvance(QLatin1Char('0')));
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_rejected = new QPushButton(tr("Rejected lines…"), this);
    m_rejected->setToolTip(tr("Show the lines of this file that could not be read, and why"));
    m_remove = new QPushButton(tr("Remove…"), this);
    m_remove->setToolTip(tr("Remove this file's lookups from the project (Edit › Undo brings them back)"));
    auto *bar = new QHBoxLayout;
    bar->addStretch(1);
    bar->addWidget(m_rejected);
    bar->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view);
    layout->addLayout(bar);
    connect(m_rejected, &QPushButton::clicked, this, &FilesPanel::showRejected);
    connect(m_remove, &QPushButton::clicked, this, &FilesPanel::removeCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FilesPanel::updateButtons);
    connect(model, &QAbstractItemModel::modelReset, this, &FilesPanel::updateButtons);
    connect(m_view, &QAbstractItemView::doubleClicked, this, &FilesPanel::showRejected);
    updateButtons();
}

void FilesPanel::setProjectPath(const QString &path)
{
    m_path = path;
    m_remover->setProjectPath(path);
    reload();
}

void FilesPanel::reload()
{
    QVector<FileRecord> files;
    if (!m_path.isEmpty()) {
        QString error;
        if (auto store = Store::open(m_path, Store::Mode::ReadOnly, &error))
            files = store->files();
    }
    m_model->setFiles(files);
}

std::optional<FileRecord> FilesPanel::currentFile() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.first().row() >= m_model->files().size())
        return std::nullopt;
    return m_model->files().at(rows.first().row());
}

void FilesPanel::updateButtons()
{
    const auto f = currentFile();
    m_rejected->setEnabled(f && f->rejected > 0);
    m_remove->setEnabled(f.has_value());
}

void FilesPanel::showRejected()
{
    const auto f = currentFile();
    if (!f || m_path.isEmpty())
        return;
    QVector<RejectedLine> lines;
    QString error;
    if (auto store = Store::open(m_path, Store::Mode::ReadOnly, &error))
        lines = store->rejectedLines(f->id);
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Rejected lines of %1").arg(QFileInfo(f->path).fileName()));
    auto *note = new QLabel(&dialog);
    note->setTextFormat(Qt::PlainText);
    note->setText(lines.size() < f->rejected
                      ? tr("%1 lines were rejected; the first %2 are kept in the project.")
                            .arg(QLocale().toString(qlonglong(f->rejected)), QLocale().toString(qlonglong(lines.size())))
                      : tr("%1 lines were rejected.").arg(QLocale().toString(qlonglong(f->rejected))));
    // Table items are plain text (no rich-text detection), which is what log content needs.
    auto *table = new QTableWidget(int(lines.size()), 3, &dialog);
    table->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    table->setObjectName(QStringLiteral("rejectedTable"));
    table->setHorizontalHeaderLabels({tr("Line"), tr("Reason"), tr("Text")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    for (int r = 0; r < lines.size(); ++r) {
        table->setItem(r, 0, new QTableWidgetItem(QString::number(lines[r].line)));
        table->setItem(r, 1, new QTableWidgetItem(lines[r].reason));
        table->setItem(r, 2, new QTableWidgetItem(lines[r].text));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(note);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(900, 420);
    if (m_interactive)
        dialog.exec();
}

void FilesPanel::removeCurrent()
{
    const auto f = currentFile();
    if (!f)
        return;
    if (m_interactive) {
        QMessageBox box(QMessageBox::Question, tr("Remove file"),
                        tr("Remove %1 and its %2 lookups from the project?\n\nEdit › Undo brings them back until the "
                           "project is closed.")
                            .arg(QFileInfo(f->path).fileName(), QLocale().toString(qlonglong(f->accepted))),
                        QMessageBox::Cancel, this);
        box.setTextFormat(Qt::PlainText);
        QPushButton *yes = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != yes)
            return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_remover->removeFile(*f); // the window keeps painting meanwhile (FileRemover runs it on a thread)
    QApplication::restoreOverrideCursor();
}

} // namespace dnt
