#pragma once

// Inside the store folder only: how the read side resolves source groups.

#include "selection.h"

#include <QStringList>
#include <QVector>

struct sqlite3;

namespace dnt {

struct GroupFilters
{
    QString name;
    QString color;
    QVector<AddressFilter> members;
};

// The named groups with their members as filters, in the order named (duplicates dropped); false with
// *error naming the first group that does not exist in the project.
bool resolveGroups(sqlite3 *db, const QStringList &names, QVector<GroupFilters> *out, QString *error);
// Every group of the project, by name.
QVector<GroupFilters> allGroupFilters(sqlite3 *db);

} // namespace dnt
