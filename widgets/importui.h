#pragma once

#include "importer.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace dnt {

class ImportController;

// The GUI face of an import: a progress dialog with Cancel while the ImportController works, and a
// report (per file: lookups, skipped, rejected lines with reasons) when it is done.
class ImportUi : public QObject
{
    Q_OBJECT
public:
    ImportUi(ImportController *controller, QWidget *parentWindow);

    // Text of the report as shown in the dialog (plain text).
    static QString reportText(const ImportReport &report);
    // Shows the report; modal unless `modal` is false (tests).
    static void showReport(QWidget *parent, const ImportReport &report, bool modal = true);

public slots:
    void begin(int fileCount);

signals:
    void reportReady(const dnt::ImportReport &report);

private:
    ImportController *m_controller;
    QPointer<QWidget> m_window;
    QPointer<QProgressDialog> m_progress;
};

} // namespace dnt
