#pragma once

#include "importer.h"

#include <QObject>
#include <QPointer>

class QLabel;
class QProgressBar;
class QToolButton;
class QWidget;

namespace dnt
{

class ImportController;

// The GUI face of an import: progress with Cancel in the status bar while the ImportController works —
// not modal, so the project can be explored while more files come in — and a report (per file: lookups,
// skipped, rejected lines with reasons) when it is done.
class ImportUi : public QObject
{
    Q_OBJECT
public:
    ImportUi(ImportController *controller, QWidget *parentWindow);

    // The dialog's first line: "2 of 3 files imported, 1,234 lookups added. 1 failed (see below)."
    static QString summaryText(const ImportReport &report);
    // Text of the report as shown in the dialog (plain text).
    static QString reportText(const ImportReport &report);
    // Shows the report; modal unless `modal` is false (tests).
    static void showReport(QWidget *parent, const ImportReport &report, bool modal = true);

    // Label, progress bar and Cancel button for the status bar; hidden while no import runs.
    QWidget *statusWidget() const { return m_status; }
    QProgressBar *progressBar() const { return m_bar; }
    QToolButton *cancelButton() const { return m_cancel; }
    QString progressText() const;

public slots:
    void begin(int fileCount);

signals:
    void reportReady(const dnt::ImportReport &report);

private:
    ImportController *m_controller;
    QPointer<QWidget> m_window;
    QWidget *m_status;
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
};

} // namespace dnt
