#include "aboutdialog.h"

#include "store.h"

#include <QMessageBox>

namespace dnt
{

ComponentVersions componentVersions()
{
    ComponentVersions v;
    v.app = QStringLiteral(DNT_VERSION);
    v.qtRuntime = QString::fromLatin1(qVersion());
    v.qtBuild = QStringLiteral(QT_VERSION_STR);
    v.qcustomplot = QStringLiteral(DNT_QCUSTOMPLOT_VERSION);
    v.sqlite = sqliteLibraryVersion();
    return v;
}

void showAboutDialog(QWidget *parent)
{
    const ComponentVersions v = componentVersions();
    const QString qt = v.qtRuntime == v.qtBuild
                           ? v.qtRuntime
                           : QObject::tr("%1 (built with %2)").arg(v.qtRuntime, v.qtBuild);
    // Every piece is a version string of ours or of a library, never data from a log: rich text is safe.
    QMessageBox::about(parent, QObject::tr("About DNS Timeline"),
                       QObject::tr("<p><b>DNS Timeline %1</b></p>"
                                   "<p>Lookup volume over time from DNS logs, with the events that give it "
                                   "meaning.</p>"
                                   "<table><tr><td>Qt</td><td>%2</td></tr>"
                                   "<tr><td>QCustomPlot&nbsp;&nbsp;</td><td>%3</td></tr>"
                                   "<tr><td>SQLite</td><td>%4</td></tr></table>")
                           .arg(v.app.toHtmlEscaped(), qt.toHtmlEscaped(), v.qcustomplot.toHtmlEscaped(),
                                v.sqlite.toHtmlEscaped()));
}

} // namespace dnt
