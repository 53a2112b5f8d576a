#include "importui.h"

#include "importcontroller.h"
#include "timeutil.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QVBoxLayout>

namespace dnt {

ImportUi::ImportUi(ImportController *controller, QWidget *parentWindow)
    : QObject(parentWindow), m_controller(controller), m_window(parentWindow)
{
    connect(controller, &ImportController::progress, this, [this](int index, int count, int perMille) {
        if (!m_progress)
            return;
        m_progress->setLabelText(tr("Importing file %1 of %2…").arg(index + 1).arg(count));
        m_progress->setValue(index * 1000 + perMille);
    });
    connect(controller, &ImportController::finished, this, [this](const ImportReport &report) {
        if (m_progress) {
            m_progress->reset();
            m_progress->deleteLater();
        }
        emit reportReady(report);
    });
}

void ImportUi::begin(int fileCount)
{
    if (m_progress)
        m_progress->deleteLater();
    m_progress = new QProgressDialog(tr("Importing…"), tr("Cancel"), 0, std::max(1, fileCount) * 1000, m_window);
    m_progress->setWindowTitle(tr("Import"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setValue(0);
    connect(m_progress, &QProgressDialog::canceled, m_controller, [this] {
        m_controller->cancel();
        if (m_progress)
            m_progress->setLabelText(tr("Cancelling: rolling back the current file…"));
    });
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
                text += QStringLiteral("    … and %1 more rejected lines\n").arg(f.record.rejected - f.problems.size());
        }
    }
    if (report.cancelled)
        text += tr("Import cancelled: the file being read was rolled back; the project is as it was before it.\n");
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
