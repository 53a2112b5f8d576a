#pragma once

#include <QString>

class QWidget;

namespace dnt
{

// The versions Help › About shows, so that a bug report or a published chart can name them.
struct ComponentVersions {
    QString app;         // DNS Timeline
    QString qtRuntime;   // qVersion(): the Qt libraries loaded now
    QString qtBuild;     // QT_VERSION_STR: the Qt the program was built against
    QString qcustomplot; // the QCustomPlot library linked at build time
    QString sqlite;      // sqlite3_libversion(): the SQLite library loaded now
};

ComponentVersions componentVersions();

// Help › About DNS Timeline: what the program is and the versions above.
void showAboutDialog(QWidget *parent);

} // namespace dnt
