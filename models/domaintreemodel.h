#pragma once

#include "publicsuffix.h"
#include "store.h"

#include <QAbstractItemModel>
#include <QSharedPointer>

namespace dnt {

// Names grouped under their registrable domain, with lookups and exact distinct clients per node.
// A value: built on the reader thread (buildDomainTree), shown by DomainTreeModel.
struct DomainTreeData
{
    struct Name
    {
        QString name;
        int64_t lookups = 0;
        int64_t clients = 0;
    };
    struct Domain
    {
        QString domain; // registrable domain; a name that is itself a public suffix is its own group
        int64_t lookups = 0;
        int64_t clients = 0; // distinct clients that asked any name of the group
        QVector<Name> names; // by lookups desc, then name
    };
    QVector<Domain> domains; // by lookups desc, then domain
    QString note;            // set when the Public Suffix List is missing (grouped by the last two labels)
};

// Reader thread: every name of the project, grouped. An empty list groups by the last two labels.
DomainTreeData buildDomainTree(const QVector<NameClients> &names, const PublicSuffixList &list);

// Two levels: registrable domains, and their names. Columns: name, lookups, clients. Searching and
// sorting work on the snapshot in memory (tens of thousands of names: milliseconds); children are
// only asked for when a domain is expanded. GUI thread.
class DomainTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, LookupsColumn, ClientsColumn, ColumnCount };
    enum class Kind { None, Domain, Name };

    explicit DomainTreeModel(QObject *parent = nullptr);

    void setData(const DomainTreeData &data);
    const DomainTreeData &treeData() const { return *m_data; }
    // Substring, or a pattern with '*' wildcards matched against the whole name; case-insensitive.
    // A domain that matches shows all its names, otherwise only the names that match.
    void setFilter(const QString &text);
    QString filter() const { return m_filter; }

    Kind kind(const QModelIndex &index) const;
    // The name of a name row, or the registrable domain of a domain row.
    QString label(const QModelIndex &index) const;
    QModelIndex findName(const QString &name) const;
    QModelIndex findDomain(const QString &domain) const;
    int nameCount() const; // names shown

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    struct Visible
    {
        int domain;             // index into m_data->domains
        QVector<int> names;     // indexes into that domain's names
    };
    void rebuild();

    QSharedPointer<const DomainTreeData> m_data;
    QString m_filter;
    QVector<Visible> m_visible;
    int m_sortColumn = LookupsColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace dnt
