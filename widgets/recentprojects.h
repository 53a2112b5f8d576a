#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace dnt
{

// File › Open Recent: the last projects opened, most recent first, kept in the settings. Files that no
// longer exist are dropped whenever the list is read, so the menu never offers a dead entry.
class RecentProjects : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 10;

    explicit RecentProjects(QMenu *menu, QObject *parent = nullptr);

    // Puts path (made absolute) at the top of the list.
    void add(const QString &path);
    // The existing projects of the list, most recent first (also rewrites the stored list without the
    // missing ones).
    QStringList paths() const;
    void clear();

signals:
    void openRequested(const QString &path);

private:
    void rebuildMenu();
    QMenu *m_menu;
};

} // namespace dnt
