#include "filterrow.h"

#include "dnscodes.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QMenu>
#include <QToolButton>

namespace dnt {

FilterRow::FilterRow(QWidget *parent) : QWidget(parent)
{
    // Short titles: the row shares the chart toolbar's second line with the drawing controls, and the
    // window must fit 960 logical px; the tooltips say them in full.
    const QString titles[] = {tr("Rcode"), tr("Type"), tr("Server")};
    const QString tips[] = {tr("Only lookups answered with these response codes (number of lookups in the project)"),
                            tr("Only lookups of these query types (number of lookups in the project)"),
                            tr("Only lookups sent to these servers (number of lookups in the project)")};
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (int k = 0; k < 3; ++k) {
        Column &c = m_columns[k];
        c.title = titles[k];
        c.button = new QToolButton(this);
        c.button->setPopupMode(QToolButton::InstantPopup);
        c.button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        c.tip = tips[k];
        c.button->setToolTip(tips[k]);
        c.menu = new QMenu(c.button);
        c.button->setMenu(c.menu);
        const Kind kind = Kind(k);
        connect(c.menu, &QMenu::triggered, this, [this, kind](QAction *action) {
            Column &col = column(kind);
            // The menu is not rebuilt here: that would delete the action whose signal is being delivered.
            if (!action->isCheckable()) {
                // "Any": no filter on this field.
                if (col.checked.isEmpty())
                    return;
                col.checked.clear();
                for (QAction *a : col.menu->actions())
                    a->setChecked(false);
            } else if (action->isChecked()) {
                col.checked.append(action->data());
            } else {
                col.checked.removeAll(action->data());
            }
            updateText(col);
            emit changed();
        });
        layout->addWidget(c.button);
        rebuild(c);
    }
    layout->addStretch(1);
}

QString FilterRow::valueText(Kind kind, const QVariant &value)
{
    switch (kind) {
    case Kind::Rcode: {
        const QString label = rcodeLabel(value.toInt());
        return label.isEmpty() ? tr("(none logged)") : label;
    }
    case Kind::Qtype: {
        const QString label = qtypeLabel(value.toInt());
        return label.isEmpty() ? tr("(none logged)") : label;
    }
    case Kind::Server: return value.toString();
    }
    return {};
}

void FilterRow::rebuild(Column &c)
{
    const Kind kind = Kind(&c - m_columns);
    c.menu->clear();
    QAction *any = c.menu->addAction(tr("Any"));
    any->setToolTip(tr("No filter on this field"));
    c.menu->addSeparator();
    QVector<QPair<QVariant, int64_t>> listed = c.values;
    for (const QVariant &v : std::as_const(c.checked))
        if (std::none_of(listed.cbegin(), listed.cend(), [&v](const auto &p) { return p.first == v; }))
            listed.append({v, 0});
    for (const auto &[value, count] : std::as_const(listed)) {
        QAction *a = c.menu->addAction(QStringLiteral("%1 (%2)").arg(valueText(kind, value), QLocale().toString(qlonglong(count))));
        a->setCheckable(true);
        a->setChecked(c.checked.contains(value));
        a->setData(value);
    }
    updateText(c);
}

void FilterRow::updateText(Column &c)
{
    const Kind kind = Kind(&c - m_columns);
    QStringList chosen;
    for (const QVariant &v : std::as_const(c.checked))
        chosen << valueText(kind, v);
    // More than two values: the first and how many more (all of them are in the tooltip).
    const QString shown = chosen.size() > 2 ? tr("%1 +%2").arg(chosen.first()).arg(chosen.size() - 1)
                                            : chosen.join(tr(" or "));
    // No filter: the title alone (the menu's first entry is "Any", checked).
    c.button->setText(chosen.isEmpty() ? c.title : tr("%1: %2").arg(c.title, shown));
    c.button->setToolTip(chosen.isEmpty() ? c.tip : tr("%1\nNow: %2").arg(c.tip, chosen.join(tr(" or "))));
}

void FilterRow::setFacets(const LookupFacets &facets)
{
    auto codes = [](const QVector<CodeCount> &in) {
        QVector<QPair<QVariant, int64_t>> out;
        for (const CodeCount &c : in)
            out.append({QVariant(c.value), c.count});
        return out;
    };
    column(Kind::Rcode).values = codes(facets.rcodes);
    column(Kind::Qtype).values = codes(facets.qtypes);
    QVector<QPair<QVariant, int64_t>> servers;
    for (const ServerCount &s : facets.servers)
        if (!s.value.isEmpty()) // lookups whose log names no server: no address to filter by
            servers.append({QVariant(s.value), s.count});
    column(Kind::Server).values = servers;
    for (Column &c : m_columns)
        rebuild(c);
}

void FilterRow::setFilters(const QVector<int> &rcodes, const QVector<int> &qtypes, const QStringList &servers)
{
    auto toVariants = [](const auto &list) {
        QVector<QVariant> out;
        for (const auto &v : list)
            out.append(QVariant(v));
        return out;
    };
    column(Kind::Rcode).checked = toVariants(rcodes);
    column(Kind::Qtype).checked = toVariants(qtypes);
    column(Kind::Server).checked = toVariants(servers);
    for (Column &c : m_columns)
        rebuild(c);
}

QVector<int> FilterRow::rcodes() const
{
    QVector<int> out;
    for (const QVariant &v : column(Kind::Rcode).checked)
        out << v.toInt();
    return out;
}

QVector<int> FilterRow::qtypes() const
{
    QVector<int> out;
    for (const QVariant &v : column(Kind::Qtype).checked)
        out << v.toInt();
    return out;
}

QStringList FilterRow::servers() const
{
    QStringList out;
    for (const QVariant &v : column(Kind::Server).checked)
        out << v.toString();
    return out;
}

QToolButton *FilterRow::button(Kind kind) const
{
    return column(kind).button;
}

QMenu *FilterRow::menu(Kind kind) const
{
    return column(kind).menu;
}

QStringList FilterRow::entries(Kind kind) const
{
    QStringList out;
    for (QAction *a : column(kind).menu->actions())
        if (a->isCheckable())
            out << a->text();
    return out;
}

} // namespace dnt
