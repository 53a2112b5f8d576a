#include "pairview.h"

#include "pairtablemodel.h"
#include "readjobrunner.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace dnt {

PairView::PairView(ReadJobRunner *runner, QWidget *parent) : QWidget(parent), m_runner(runner)
{
    m_model = new PairTableModel(this);
    m_view = new QTableView(this);
    m_view->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->setToolTip(tr("Click a cell to chart that name asked by that source; click a name to sort by share"));
    m_top = new QSpinBox(this);
    m_top->setRange(2, 100);
    m_top->setValue(12);
    m_top->setPrefix(tr("Top "));
    m_top->setToolTip(tr("How many names and how many sources to show"));
    m_info = new QLabel(this);
    m_info->setTextFormat(Qt::PlainText);
    m_info->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_top);
    bar->addWidget(m_info, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_top, &QSpinBox::valueChanged, this, &PairView::refresh);
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const Selection pair = m_model->selectionAt(index);
        if (!pair.names.isEmpty() && m_model->data(index, PairTableModel::CountRole).toLongLong() > 0)
            emit pairActivated(pair);
    });
}

void PairView::setScope(const Selection &scope)
{
    m_scope = scope;
    refresh();
}

void PairView::refresh()
{
    if (m_runner->projectPath().isEmpty()) {
        // No project (closed): an empty matrix.
        m_model->setTable(PairTable{});
        m_info->clear();
        return;
    }
    PairQuery q;
    q.selection = m_scope;
    q.top = m_top->value();
    m_info->setText(tr("Counting…"));
    m_runner->run<PairTable>(
        QStringLiteral("pairs"), [q](Store &store) { return store.pairs(q); },
        [this](const PairTable &t) {
            m_model->setTable(t);
            if (!t.error.isEmpty())
                m_info->setText(t.error);
            else if (t.names.isEmpty())
                m_info->setText(tr("No lookups to tabulate"));
            else
                m_info->setText(tr("%1 sources × %2 names · highlighted: one source asks for ≥ 90 % of a name")
                                    .arg(t.sources.size())
                                    .arg(t.names.size()));
            emit tableShown(t);
        },
        [this](const QString &error) { m_info->setText(error); });
}

} // namespace dnt
