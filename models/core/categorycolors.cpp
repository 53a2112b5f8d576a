#include "categorycolors.h"

#include <QHash>

#include <climits>

namespace dnt {

QStringList categoryPalette()
{
    // Vermillion first: the marker colour of the themes, so that the first category (often the
    // uncategorised events) looks as markers always did.
    return {QStringLiteral("#d55e00"), QStringLiteral("#7b3294"), QStringLiteral("#01665e"),
            QStringLiteral("#a50026"), QStringLiteral("#253494"), QStringLiteral("#c51b7d"),
            QStringLiteral("#8c510a"), QStringLiteral("#1b7837"), QStringLiteral("#6b6b00")};
}

QString nextCategoryColor(const QStringList &used)
{
    const QStringList palette = categoryPalette();
    QHash<QString, int> uses;
    for (const QString &c : used)
        ++uses[c.trimmed().toLower()];
    QString best = palette.first();
    int fewest = INT_MAX;
    for (const QString &c : palette) {
        const int n = uses.value(c);
        if (n < fewest) {
            fewest = n;
            best = c;
        }
    }
    return best;
}

} // namespace dnt
