#include "importui.h"

#include "importcontroller.h"
#include "timeutil.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace dnt
{

ImportUi::ImportUi(ImportController *controller, QWidget *parentWindow)
    : QObject(parentWindow), m_controller(controller), m_window(parentWindow)
{
    m_status = new QWidget(parentWindow);
    m_label = new QLabel(m_status);
    m_label->setTextFormat(Qt::PlainText);
    m_bar = new QProgressBar(m_status);
    m_bar->setFixedWidth(180);
    m_bar->setTextVisible(true);
    m_cancel = new QToolButton(m_status);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(
        tr("Stop the import: the file being read is rolled back, files already imported stay"));
    auto *layout = new QHBoxLayout(m_status);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_status->hide();

    connect(m_cancel, &QToolButton::clicked, this, [this] {
        m_controller->cancel();
        m_cancel->setEnabled(false);
        m_label->setText(tr("Cancelling: rolling back the current file…"));
    });
    connect(controller, &ImportController::progress, this, [this](int index, int count, int perMille) {
        if (!m_cancel->isEnabled())
            return; // cancelling: keep saying so
        m_label->setText(tr("Importing file %1 of %2…").arg(index + 1).arg(count));
        m_bar->setValue(index * 1000 + perMille);
    });
    connect(controller, &ImportController::finished, this, [this](const ImportReport &report) {
        m_status->hide();
        emit reportReady(report);
    });
}

void ImportUi::begin(int fileCount)
{
    m_bar->setRange(0, std::max(1, fileCount) * 1000);
    m_bar->setValue(0);
    m_cancel->setEnabled(true);
    m_label->setText(tr("Importing file 1 of %1…").arg(std::max(1, fileCount)));
    m_status->show();
}

QString ImportUi::progressText() const
{
    return m_status->isHidden() ? QString() : m_label->text();
}

QString ImportUi::reportText(const ImportReport &report)
{
    QString text;
    for (const auto &f : report.files) {
        text += f.summaryLine() + QLatin1Char('\n');
        if (f.ok() && f.record.rejected > 0) {
            for (const auto &p : f.problems)
                text += QStringLiteral("    line %1: %2\n").arg(p.line).arg(p.reason);
            if (f.record.rejected > f.problems.size())
                text += QStringLiteral("    … and %1 more rejected lines\n")
                            .arg(f.record.rejected - f.problems.size());
        }
    }
    if (report.cancelled)
        text += tr(
            "Import cancelled: the file being read was rolled back; the project is as it was before it.\n");
    return text;
}

void ImportUi::showReport(QWidget *parent, const ImportReport &report, bool modal)
{
    auto *dialog = new QDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Import report"));
    auto *summary = new QLabel(dialog);
    summary->setTextFormat(Qt::PlainText);
    int ok = 0;
    for (const auto &f : report.files)
        ok += f.ok() ? 1 : 0;
    summary->setText(tr("%1 of %2 files imported, %3 lookups added.")
                         .arg(ok)
                         .arg(report.files.size())
                         .arg(report.accepted()));
    auto *details = new QPlainTextEdit(dialog);
    details->setReadOnly(true);
    details->setPlainText(reportText(report));
    details->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(summary);
    layout->addWidget(details);
    layout->addWidget(buttons);
    dialog->resize(760, 360);
    if (modal)
        dialog->open();
    else
        dialog->show();
}

} // namespace dnt
