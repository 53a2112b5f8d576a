// The workspace tables: source groups, address labels and saved views. Small tables written from the GUI
// thread or the CLI, each change in one transaction.
#include "sqlitestmt.h"
#include "store.h"
#include "storeinternal.h"
#include "storeworkspace_p.h"

#include <QRegularExpression>
#include <QSet>

namespace dnt {

namespace {

// Runs body inside one transaction on a writable project; rolls back if it fails.
template <typename Body>
bool writeTransaction(sqlite3 *db, bool readOnly, bool importOpen, const QString &path, QString *error, Body body)
{
    QString dummy;
    if (!error)
        error = &dummy;
    if (readOnly) {
        *error = QStringLiteral("%1 is open read-only").arg(path);
        return false;
    }
    if (importOpen) {
        *error = QStringLiteral("%1: finish the import first").arg(path);
        return false;
    }
    if (!beginWrite(db, error))
        return false;
    if (!body(error)) {
        sqliteExec(db, "ROLLBACK");
        return false;
    }
    if (!sqliteExec(db, "COMMIT", error)) {
        sqliteExec(db, "ROLLBACK");
        return false;
    }
    return true;
}

bool step(SqliteStmt &s, QString *error)
{
    if (!s.ok()) {
        *error = QStringLiteral("this project has no workspace tables (open it for writing to upgrade it)");
        return false;
    }
    if (!s.exec()) {
        *error = s.error();
        return false;
    }
    return true;
}

// The start view's mark: one row of the key/value table meta whose key carries the view's name (meta's
// values are integers), so that no schema change is needed and older versions simply ignore it.
const QString kStartViewKey = QStringLiteral("start_view:");

bool clearStartView(sqlite3 *db, QString *error)
{
    SqliteStmt s(db, "DELETE FROM meta WHERE substr(key, 1, 11) = 'start_view:'");
    return step(s, error);
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

QStringList membersOf(sqlite3 *db, int64_t groupId)
{
    QStringList out;
    SqliteStmt s(db, "SELECT member FROM group_members WHERE group_id = ? ORDER BY pos");
    s.bind(1, groupId);
    while (s.ok() && s.step() == SQLITE_ROW)
        out << s.text(0);
    return out;
}

GroupFilters filtersOf(const SourceGroup &g)
{
    GroupFilters f{g.name, g.color, {}};
    for (const QString &m : g.members)
        if (const auto a = AddressFilter::parse(m))
            f.members.append(*a);
    return f;
}

} // namespace

QVector<SourceGroup> Store::groups() const
{
    QVector<SourceGroup> out;
    SqliteStmt s(m_db, "SELECT id, name, color FROM source_groups ORDER BY name");
    while (s.ok() && s.step() == SQLITE_ROW)
        out.append({s.text(1), s.text(2), membersOf(m_db, s.int64(0))});
    return out;
}

std::optional<SourceGroup> Store::group(const QString &name) const
{
    SqliteStmt s(m_db, "SELECT id, name, color FROM source_groups WHERE name = ?");
    s.bind(1, name.trimmed());
    if (s.ok() && s.step() == SQLITE_ROW)
        return SourceGroup{s.text(1), s.text(2), membersOf(m_db, s.int64(0))};
    return std::nullopt;
}

bool Store::saveGroup(const SourceGroup &group, QString *error, const QString &previousName)
{
    QString dummy;
    if (!error)
        error = &dummy;
    const QString name = group.name.trimmed();
    if (name.isEmpty() || hasControlCharacters(name) || name.contains(QLatin1Char(','))) {
        *error = QStringLiteral("a group needs a name without commas or control characters");
        return false;
    }
    static const QRegularExpression colorRe(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    if (!colorRe.match(group.color).hasMatch()) {
        *error = QStringLiteral("group \"%1\": colour \"%2\" is not #rrggbb").arg(name, group.color);
        return false;
    }
    QStringList members;
    for (const QString &m : group.members) {
        const auto f = AddressFilter::parse(m);
        if (!f) {
            *error = QStringLiteral("group \"%1\": \"%2\" is not an IPv4/IPv6 address or CIDR range").arg(name, m.trimmed());
            return false;
        }
        if (!members.contains(f->text()))
            members << f->text();
    }
    if (members.isEmpty()) {
        *error = QStringLiteral("group \"%1\" needs at least one address or CIDR range").arg(name);
        return false;
    }
    const QString previous = previousName.trimmed().isEmpty() ? name : previousName.trimmed();
    return writeTransaction(m_db, m_readOnly, m_importOpen, m_path, error, [&](QString *e) {
        SqliteStmt find(m_db, "SELECT id FROM source_groups WHERE name = ?");
        if (!find.ok()) {
            *e = QStringLiteral("this project has no workspace tables (open it for writing to upgrade it)");
            return false;
        }
        int64_t id = 0;
        find.bind(1, previous);
        if (find.step() == SQLITE_ROW)
            id = find.int64(0);
        find.reset();
        if (previous != name) {
            find.bind(1, name);
            if (find.step() == SQLITE_ROW) {
                *e = QStringLiteral("there is already a group \"%1\"").arg(name);
                return false;
            }
            find.reset();
        }
        if (id) {
            SqliteStmt upd(m_db, "UPDATE source_groups SET name = ?, color = ? WHERE id = ?");
            upd.bind(1, name).bind(2, group.color.toLower()).bind(3, id);
            SqliteStmt del(m_db, "DELETE FROM group_members WHERE group_id = ?");
            del.bind(1, id);
            if (!step(upd, e) || !step(del, e))
                return false;
        } else {
            SqliteStmt ins(m_db, "INSERT INTO source_groups(name, color) VALUES(?, ?)");
            ins.bind(1, name).bind(2, group.color.toLower());
            if (!step(ins, e))
                return false;
            id = sqlite3_last_insert_rowid(m_db);
        }
        SqliteStmt mem(m_db, "INSERT INTO group_members(group_id, pos, member) VALUES(?, ?, ?)");
        for (qsizetype i = 0; i < members.size(); ++i) {
            mem.bind(1, id).bind(2, int64_t(i)).bind(3, members.at(i));
            if (!step(mem, e))
                return false;
        }
        return true;
    });
}

bool Store::removeGroup(const QString &name, QString *error)
{
    return writeTransaction(m_db, m_readOnly, m_importOpen, m_path, error, [&](QString *e) {
        SqliteStmt mem(m_db, "DELETE FROM group_members WHERE group_id IN (SELECT id FROM source_groups WHERE name = ?)");
        SqliteStmt grp(m_db, "DELETE FROM source_groups WHERE name = ?");
        mem.bind(1, name.trimmed());
        grp.bind(1, name.trimmed());
        if (!step(mem, e) || !step(grp, e))
            return false;
        if (sqlite3_changes(m_db) != 1) {
            *e = QStringLiteral("there is no group \"%1\"").arg(name.trimmed());
            return false;
        }
        return true;
    });
}

QString Store::selectionError(const Selection &selection) const
{
    QVector<GroupFilters> groups;
    QString error;
    resolveGroups(m_db, selection.groups, &groups, &error);
    return error;
}

QHash<QString, QString> Store::labels() const
{
    QHash<QString, QString> out;
    SqliteStmt s(m_db, "SELECT address, label FROM address_labels");
    while (s.ok() && s.step() == SQLITE_ROW)
        out.insert(s.text(0), s.text(1));
    return out;
}

bool Store::setLabels(const QVector<QPair<QString, QString>> &labels, QString *error)
{
    QVector<QPair<QString, QString>> canonical;
    for (const auto &[address, label] : labels) {
        const auto f = AddressFilter::parse(address);
        if (!f || address.contains(QLatin1Char('/'))) {
            if (error)
                *error = QStringLiteral("\"%1\" is not an IPv4/IPv6 address").arg(address);
            return false;
        }
        canonical.append({f->text(), label.simplified()});
    }
    return writeTransaction(m_db, m_readOnly, m_importOpen, m_path, error, [&](QString *e) {
        SqliteStmt put(m_db, "INSERT OR REPLACE INTO address_labels(address, label) VALUES(?, ?)");
        SqliteStmt del(m_db, "DELETE FROM address_labels WHERE address = ?");
        for (const auto &[address, label] : canonical) {
            SqliteStmt &s = label.isEmpty() ? del : put;
            s.bind(1, address);
            if (!label.isEmpty())
                s.bind(2, label);
            if (!step(s, e))
                return false;
        }
        return true;
    });
}

QVector<SavedView> Store::views() const
{
    QVector<SavedView> out;
    SqliteStmt s(m_db, "SELECT name, spec FROM saved_views ORDER BY name");
    while (s.ok() && s.step() == SQLITE_ROW)
        out.append({s.text(0), s.text(1).toUtf8()});
    return out;
}

std::optional<SavedView> Store::view(const QString &name) const
{
    SqliteStmt s(m_db, "SELECT name, spec FROM saved_views WHERE name = ?");
    s.bind(1, name.trimmed());
    if (s.ok() && s.step() == SQLITE_ROW)
        return SavedView{s.text(0), s.text(1).toUtf8()};
    return std::nullopt;
}

bool Store::saveView(const SavedView &view, QString *error)
{
    const QString name = view.name.trimmed();
    if (name.isEmpty() || hasControlCharacters(name)) {
        if (error)
            *error = QStringLiteral("a view needs a name without control characters");
        return false;
    }
    return writeTransaction(m_db, m_readOnly, m_importOpen, m_path, error, [&](QString *e) {
        SqliteStmt s(m_db, "INSERT OR REPLACE INTO saved_views(name, spec) VALUES(?, ?)");
        s.bind(1, name).bind(2, QString::fromUtf8(view.spec));
        return step(s, e);
    });
}

bool Store::removeView(const QString &name, QString *error)
{
    return writeTransaction(m_db, m_readOnly, m_importOpen, m_path, error, [&](QString *e) {
        SqliteStmt s(m_db, "DELETE FROM saved_views WHERE name = ?");
        s.bind(1, name.trimmed());
        if (!step(s, e))
            return false;
        if (sqlite3_changes(m_db) != 1) {
            *e = QStringLiteral("there is no view \"%1\"").arg(name.trimmed());
            return false;
        }
        SqliteStmt mark(m_db, "DELETE FROM meta WHERE key = ?");
        mark.bind(1, kStartViewKey + name.trimmed());
        return step(mark, e);
    });
}

std::optional<QString> Store::startView() const
{
    // Only a mark whose view still exists counts.
    SqliteStmt s(m_db, "SELECT v.name FROM meta m JOIN saved_views v ON m.key = 'start_view:' || v.name "
                       "WHERE substr(m.key, 1, 11) = 'start_view:' ORDER BY v.name LIMIT 1");
    if (s.ok() && s.step() == SQLITE_ROW)
        return s.text(0);
    return std::nullopt;
}

bool Store::setStartView(const QString &name, QString *error)
{
    const QString trimmed = name.trimmed();
    if (!trimmed.isEmpty() && !view(trimmed)) {
        if (error)
            *error = QStringLiteral("there is no view \"%1\" (see views PROJECT list)").arg(trimmed);
        return false;
    }
    return writeTransaction(m_db, m_readOnly, m_importOpen, m_path, error, [&](QString *e) {
        if (!clearStartView(m_db, e))
            return false;
        if (trimmed.isEmpty())
            return true;
        SqliteStmt s(m_db, "INSERT INTO meta(key, value) VALUES(?, 1)");
        s.bind(1, kStartViewKey + trimmed);
        return step(s, e);
    });
}

bool resolveGroups(sqlite3 *db, const QStringList &names, QVector<GroupFilters> *out, QString *error)
{
    SqliteStmt s(db, "SELECT id, name, color FROM source_groups WHERE name = ?");
    QSet<QString> seen;
    for (const QString &raw : names) {
        const QString name = raw.trimmed();
        if (seen.contains(name))
            continue;
        seen.insert(name);
        bool found = false;
        if (s.ok()) {
            s.bind(1, name);
            if (s.step() == SQLITE_ROW) {
                found = true;
                out->append(filtersOf({s.text(1), s.text(2), membersOf(db, s.int64(0))}));
            }
            s.reset();
        }
        if (!found) {
            *error = QStringLiteral("there is no source group \"%1\" in this project (see groups PROJECT list)").arg(name);
            return false;
        }
    }
    return true;
}

QVector<GroupFilters> allGroupFilters(sqlite3 *db)
{
    QVector<GroupFilters> out;
    SqliteStmt s(db, "SELECT id, name, color FROM source_groups ORDER BY name");
    while (s.ok() && s.step() == SQLITE_ROW)
        out.append(filtersOf({s.text(1), s.text(2), membersOf(db, s.int64(0))}));
    return out;
}

} // namespace dnt
