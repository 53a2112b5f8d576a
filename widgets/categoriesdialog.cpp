#include "categoriesdialog.h"

#include "eventeditor.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QPixmap>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace dnt {

CategoriesDialog::CategoriesDialog(EventEditor *editor, QWidget *parent) : QDialog(parent), m_editor(editor)
{
    setWindowTitle(tr("Event categories"));
    m_table = new QTableWidget(0, 3, this);
    m_table->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    m_table->setHorizontalHeaderLabels({tr("Category"), tr("Colour"), tr("Shown")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    // Undo/redo elsewhere changes the categories too: follow them.
    // Deferred: the change may come from one of this table's own check boxes, which a rebuild replaces.
    connect(editor, &EventEditor::categoriesChanged, this,
            [this] { QTimer::singleShot(0, this, &CategoriesDialog::rebuild); });
    rebuild();
    resize(420, 320);
}

void CategoriesDialog::setColor(int row, const QColor &color)
{
    const auto categories = m_editor->categories();
    if (row < 0 || row >= categories.size() || !color.isValid())
        return;
    EventCategory after = categories.at(row);
    after.color = color.name();
    m_editor->setCategory(categories.at(row), after);
}

std::optional<EventCategory> CategoriesDialog::current(const QString &name) const
{
    for (const EventCategory &c : m_editor->categories())
        if (c.name == name)
            return c;
    return std::nullopt;
}

void CategoriesDialog::rebuild()
{
    const auto categories = m_editor->categories();
    m_table->setRowCount(static_cast<int>(categories.size()));
    for (int row = 0; row < categories.size(); ++row) {
        const EventCategory &c = categories.at(row);
        m_table->setItem(row, 0, new QTableWidgetItem(c.name.isEmpty() ? tr("(uncategorised)") : c.name));
        auto *colour = new QPushButton(m_table);
        QPixmap swatch(28, 14);
        swatch.fill(QColor(c.color));
        colour->setIcon(QIcon(swatch));
        colour->setToolTip(tr("Choose the colour of this category's markers"));
        connect(colour, &QPushButton::clicked, this, [this, name = c.name] {
            const auto now = current(name);
            if (!now)
                return;
            const QColor chosen = QColorDialog::getColor(QColor(now->color), this, tr("Colour of %1").arg(name));
            if (chosen.isValid()) {
                EventCategory after = *now;
                after.color = chosen.name();
                m_editor->setCategory(*now, after);
            }
        });
        m_table->setCellWidget(row, 1, colour);
        auto *shown = new QCheckBox(m_table);
        shown->setChecked(c.visible);
        shown->setToolTip(tr("Show this category's events on the chart"));
        // The category is looked up when clicked: an earlier change may not have rebuilt the table yet.
        connect(shown, &QCheckBox::toggled, this, [this, name = c.name](bool on) {
            const auto now = current(name);
            if (!now)
                return;
            EventCategory after = *now;
            after.visible = on;
            m_editor->setCategory(*now, after);
        });
        m_table->setCellWidget(row, 2, shown);
    }
}

} // namespace dnt
