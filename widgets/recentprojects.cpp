#include "recentprojects.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace dnt
{

namespace
{
const QString kKey = QStringLiteral("recentProjects");
} // namespace

RecentProjects::RecentProjects(QMenu *menu, QObject *parent) : QObject(parent), m_menu(menu)
{
    // Rebuilt each time it opens: a project deleted meanwhile disappears from the menu.
    connect(m_menu, &QMenu::aboutToShow, this, &RecentProjects::rebuildMenu);
    rebuildMenu();
}

void RecentProjects::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxEntries)
        list.removeLast();
    QSettings().setValue(kKey, list);
    rebuildMenu();
}

QStringList RecentProjects::paths() const
{
    QSettings settings;
    const QStringList stored = settings.value(kKey).toStringList();
    QStringList existing;
    for (const QString &p : stored)
        if (QFileInfo(p).isFile() && !existing.contains(p))
            existing << p;
    if (existing != stored)
        settings.setValue(kKey, existing);
    return existing;
}

void RecentProjects::clear()
{
    QSettings().remove(kKey);
    rebuildMenu();
}

void RecentProjects::rebuildMenu()
{
    m_menu->clear();
    const QStringList list = paths();
    for (int i = 0; i < list.size(); ++i) {
        const QString path = list.at(i);
        // "&1 name" gives keyboard access; '&' in a file name must not become a mnemonic.
        QString label = QFileInfo(path).fileName();
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction *a = m_menu->addAction(i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(label) : label);
        a->setToolTip(path);
        a->setStatusTip(path);
        a->setData(path);
        connect(a, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    if (!list.isEmpty()) {
        m_menu->addSeparator();
        m_menu->addAction(tr("&Clear List"), this, &RecentProjects::clear);
    }
    m_menu->setEnabled(!list.isEmpty());
}

} // namespace dnt
