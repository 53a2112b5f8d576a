#include "importui.h"

#include "importcontroller.h"
#include "timeutil.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
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
    const QLocale locale;
    for (const auto &f : report.files) {
        if (!text.isEmpty())
            text += QLatin1Char('\n'); // a blank line between files: each entry may wrap over several lines
        text += f.summaryLine(true) + QLatin1Char('\n');
        // Also for a file that failed because every line was rejected: its first reasons say why.
        if (f.record.rejected > 0 && f.outcome != FileImportReport::Outcome::Cancelled) {
            for (const auto &p : f.problems)
                text += QStringLiteral("    line %1: %2\n").arg(locale.toString(qlonglong(p.line)), p.reason);
            if (f.record.rejected > f.problems.size())
                text += tr("    … and %1 more rejected lines\n")
                            .arg(locale.toString(qlonglong(f.record.rejected - f.problems.size())));
        }
    }
    if (report.cancelled)
        text += tr(
            "Import cancelled: the file being read was rolled back; the project is as it was before it.\n");
    return text;
}

QString ImportUi::summaryText(const ImportReport &report)
{
    int added = 0, failed = 0, empty = 0;
    for (const auto &f : report.files) {
        added += f.added() ? 1 : 0;
        failed += f.ok() ? 0 : 1;
        empty += f.outcome == FileImportReport::Outcome::NothingToImport ? 1 : 0;
    }
    const QLocale locale;
    QString text = tr("%1 of %2 files imported, %3 lookups added.")
                       .arg(locale.toString(added), locale.toString(qlonglong(report.files.size())),
                            locale.toString(qlonglong(report.accepted())));
    if (failed > 0)
        text += QLatin1Char(' ') + tr("%1 failed (see below).").arg(locale.toString(failed));
    if (empty > 0)
        text += QLatin1Char(' ') + tr("%1 had nothing to import.").arg(locale.toString(empty));
    return text;
}

void ImportUi::showReport(QWidget *parent, const ImportReport &report, bool modal)
{
    auto *dialog = new QDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Import report"));
    auto *summary = new QLabel(dialog);
    summary->setTextFormat(Qt::PlainText);
    summary->setText(summaryText(report));
    auto *details = new QPlainTextEdit(dialog);
    details->setReadOnly(true);
    details->setPlainText(reportText(report));
    // Long paths and reasons wrap rather than hide behind a horizontal scroll bar.
    details->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    details->setObjectName(QStringLiteral("importReportDetails"));
    summary->setObjectName(QStringLiteral("importReportSummary"));
    summary->setWordWrap(true);
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
