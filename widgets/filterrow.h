#pragma once

#include "store.h"

#include <QStringList>
#include <QVector>
#include <QWidget>

class QLabel;
class QMenu;
class QToolButton;

namespace dnt {

// The row of lookup filters above the chart: response code, query type and server, each a button with
// a menu of the values the project holds and their lookup counts (several may be checked: any of them;
// none: any value). What it lists comes from Store::lookupFacets(), queried by the owner on the reader
// thread; what is checked narrows the chart, the records and the pair view (changed()).
class FilterRow : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Rcode, Qtype, Server };

    explicit FilterRow(QWidget *parent = nullptr);

    // Lists these values (checked ones stay checked, and stay listed even if the project no longer holds them).
    void setFacets(const LookupFacets &facets);
    // Checks exactly these values, without emitting changed() (a saved view, a new project).
    void setFilters(const QVector<int> &rcodes, const QVector<int> &qtypes, const QStringList &servers);
    QVector<int> rcodes() const;
    QVector<int> qtypes() const;
    QStringList servers() const;
    QToolButton *button(Kind kind) const;
    QMenu *menu(Kind kind) const;
    // The menu's entries as shown ("NXDOMAIN (1,234)"), without "Any" (tests and the user guide's example).
    QStringList entries(Kind kind) const;

signals:
    void changed();

private:
    struct Column
    {
        QToolButton *button = nullptr;
        QMenu *menu = nullptr;
        QString title;              // "Rcode"
        QString tip;                // what the button filters, in full
        QVector<QVariant> checked;  // values checked, in the order chosen
        QVector<QPair<QVariant, int64_t>> values; // listed values and counts
    };
    void rebuild(Column &column);
    void updateText(Column &column);
    static QString valueText(Kind kind, const QVariant &value);
    Column &column(Kind kind) { return m_columns[int(kind)]; }
    const Column &column(Kind kind) const { return m_columns[int(kind)]; }

    Column m_columns[3];
};

} // namespace dnt
