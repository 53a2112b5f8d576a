#include "domaintreemodel.h"

#include <QHash>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <functional>

namespace dnt {

DomainTreeData buildDomainTree(const QVector<NameClients> &names, const PublicSuffixList &list)
{
    DomainTreeData out;
    if (list.isEmpty())
        out.note = QObject::tr("Public Suffix List not found (%1): names are grouped by their last two labels")
                       .arg(QString::fromLatin1(PublicSuffixList::kSystemPath));
    QHash<QString, int> at;
    QVector<QVector<int64_t>> clients;
    for (const NameClients &n : names) {
        QString domain;
        if (list.isEmpty()) {
            const QStringList labels = n.name.split(QLatin1Char('.'));
            domain = labels.size() <= 2 ? n.name : labels.mid(labels.size() - 2).join(QLatin1Char('.'));
        } else {
            domain = list.registrableDomain(n.name);
        }
        if (domain.isEmpty())
            domain = n.name; // a public suffix (or a bare label) asked for itself
        auto it = at.find(domain);
        if (it == at.end()) {
            it = at.insert(domain, int(out.domains.size()));
            out.domains.append({domain, 0, 0, {}});
            clients.append(QVector<int64_t>());
        }
        DomainTreeData::Domain &d = out.domains[*it];
        d.lookups += n.count;
        d.names.append({n.name, n.count, int64_t(n.clientIds.size())});
        clients[*it] += n.clientIds;
    }
    for (qsizetype i = 0; i < out.domains.size(); ++i) {
        QVector<int64_t> &c = clients[i];
        std::sort(c.begin(), c.end());
        out.domains[i].clients = std::unique(c.begin(), c.end()) - c.begin();
        auto &ns = out.domains[i].names;
        std::sort(ns.begin(), ns.end(), [](const auto &a, const auto &b) {
            return a.lookups != b.lookups ? a.lookups > b.lookups : a.name < b.name;
        });
    }
    std::sort(out.domains.begin(), out.domains.end(), [](const auto &a, const auto &b) {
        return a.lookups != b.lookups ? a.lookups > b.lookups : a.domain < b.domain;
    });
    return out;
}

DomainTreeModel::DomainTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_data(QSharedPointer<const DomainTreeData>::create())
{
}

void DomainTreeModel::setData(const DomainTreeData &data)
{
    beginResetModel();
    m_data = QSharedPointer<const DomainTreeData>::create(data);
    rebuild();
    endResetModel();
}

void DomainTreeModel::setFilter(const QString &text)
{
    if (text.trimmed() == m_filter)
        return;
    beginResetModel();
    m_filter = text.trimmed();
    rebuild();
    endResetModel();
}

void DomainTreeModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    emit layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    struct Where
    {
        int domain = -1, name = -1;
    };
    QVector<Where> where;
    for (const QModelIndex &i : before) {
        const bool isName = i.internalId() != 0;
        const Visible &v = m_visible.at(isName ? int(i.internalId()) - 1 : i.row());
        where.append({v.domain, isName ? v.names.at(i.row()) : -1});
    }
    m_sortColumn = column;
    m_sortOrder = order;
    rebuild();
    QModelIndexList after;
    for (qsizetype k = 0; k < before.size(); ++k) {
        QModelIndex found;
        for (int r = 0; r < m_visible.size() && !found.isValid(); ++r) {
            if (m_visible[r].domain != where[k].domain)
                continue;
            if (where[k].name < 0)
                found = createIndex(r, before[k].column(), quintptr(0));
            else if (const int c = int(m_visible[r].names.indexOf(where[k].name)); c >= 0)
                found = createIndex(c, before[k].column(), quintptr(r + 1));
        }
        after.append(found);
    }
    changePersistentIndexList(before, after);
    emit layoutChanged();
}

void DomainTreeModel::rebuild()
{
    m_visible.clear();
    const auto &domains = m_data->domains;
    std::function<bool(const QString &)> matches;
    if (m_filter.contains(QLatin1Char('*'))) {
        // '*' is the only wildcard (names have no paths): everything else is literal, the whole name matches.
        QStringList parts = m_filter.split(QLatin1Char('*'));
        for (QString &p : parts)
            p = QRegularExpression::escape(p);
        const QRegularExpression re(QRegularExpression::anchoredPattern(parts.join(QLatin1String(".*"))),
                                    QRegularExpression::CaseInsensitiveOption);
        matches = [re](const QString &s) { return re.match(s).hasMatch(); };
    } else if (!m_filter.isEmpty()) {
        const QString f = m_filter;
        matches = [f](const QString &s) { return s.contains(f, Qt::CaseInsensitive); };
    }
    for (int d = 0; d < domains.size(); ++d) {
        Visible v{d, {}};
        const bool all = !matches || matches(domains[d].domain);
        for (int n = 0; n < domains[d].names.size(); ++n)
            if (all || matches(domains[d].names[n].name))
                v.names.append(n);
        if (!v.names.isEmpty())
            m_visible.append(std::move(v));
    }
    const int col = m_sortColumn;
    const bool desc = m_sortOrder == Qt::DescendingOrder;
    auto less = [col, desc](int64_t la, int64_t ca, const QString &na, int64_t lb, int64_t cb, const QString &nb) {
        if (col != NameColumn) {
            const int64_t a = col == LookupsColumn ? la : ca, b = col == LookupsColumn ? lb : cb;
            if (a != b)
                return desc ? a > b : a < b;
            return na < nb;
        }
        return desc ? na > nb : na < nb;
    };
    std::sort(m_visible.begin(), m_visible.end(), [&](const Visible &a, const Visible &b) {
        const auto &x = domains[a.domain], &y = domains[b.domain];
        return less(x.lookups, x.clients, x.domain, y.lookups, y.clients, y.domain);
    });
    for (Visible &v : m_visible) {
        const auto &ns = domains[v.domain].names;
        std::sort(v.names.begin(), v.names.end(), [&](int a, int b) {
            return less(ns[a].lookups, ns[a].clients, ns[a].name, ns[b].lookups, ns[b].clients, ns[b].name);
        });
    }
}

DomainTreeModel::Kind DomainTreeModel::kind(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return Kind::None;
    return index.internalId() == 0 ? Kind::Domain : Kind::Name;
}

QString DomainTreeModel::label(const QModelIndex &index) const
{
    switch (kind(index)) {
    case Kind::Domain: return m_data->domains[m_visible[index.row()].domain].domain;
    case Kind::Name: {
        const Visible &v = m_visible[int(index.internalId()) - 1];
        return m_data->domains[v.domain].names[v.names[index.row()]].name;
    }
    case Kind::None: break;
    }
    return {};
}

QModelIndex DomainTreeModel::findName(const QString &name) const
{
    for (int r = 0; r < m_visible.size(); ++r) {
        const Visible &v = m_visible[r];
        const auto &ns = m_data->domains[v.domain].names;
        for (int c = 0; c < v.names.size(); ++c)
            if (ns[v.names[c]].name == name)
                return createIndex(c, 0, quintptr(r + 1));
    }
    return {};
}

QModelIndex DomainTreeModel::findDomain(const QString &domain) const
{
    for (int r = 0; r < m_visible.size(); ++r)
        if (m_data->domains[m_visible[r].domain].domain == domain)
            return createIndex(r, 0, quintptr(0));
    return {};
}

int DomainTreeModel::nameCount() const
{
    int n = 0;
    for (const Visible &v : m_visible)
        n += int(v.names.size());
    return n;
}

QModelIndex DomainTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_visible.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_visible.size())
        return {};
    if (row >= m_visible[parent.row()].names.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex DomainTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, quintptr(0));
}

int DomainTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_visible.size());
    if (parent.column() != 0 || parent.internalId() != 0)
        return 0;
    return int(m_visible[parent.row()].names.size());
}

int DomainTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DomainTreeModel::data(const QModelIndex &index, int role) const
{
    const Kind k = kind(index);
    if (k == Kind::None)
        return {};
    QString text;
    int64_t lookups = 0, clients = 0, names = 0;
    if (k == Kind::Domain) {
        const auto &d = m_data->domains[m_visible[index.row()].domain];
        text = d.domain;
        lookups = d.lookups;
        clients = d.clients;
        names = d.names.size();
    } else {
        const Visible &v = m_visible[int(index.internalId()) - 1];
        const auto &n = m_data->domains[v.domain].names[v.names[index.row()]];
        text = n.name;
        lookups = n.lookups;
        clients = n.clients;
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn: return text;
        case LookupsColumn: return QLocale().toString(qlonglong(lookups));
        case ClientsColumn: return QLocale().toString(qlonglong(clients));
        default: return {};
        }
    }
    if (role == Qt::UserRole) // raw numbers for tests and sorting views
        return index.column() == LookupsColumn ? QVariant(qlonglong(lookups))
               : index.column() == ClientsColumn ? QVariant(qlonglong(clients))
                                                 : QVariant(text);
    if (role == Qt::TextAlignmentRole && index.column() != NameColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == LookupsColumn && k == Kind::Domain)
        return tr("%n name(s) under this domain", nullptr, int(names));
    return {};
}

QVariant DomainTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Domain / name");
    case LookupsColumn: return tr("Lookups");
    case ClientsColumn: return tr("Clients");
    default: return {};
    }
}

} // namespace dnt
