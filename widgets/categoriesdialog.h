#pragma once

#include "store.h"

#include <QDialog>

#include <optional>

class QTableWidget;

namespace dnt {

class EventEditor;

// Event categories: a colour and a visibility toggle each. Every change is applied at once through
// the EventEditor (written to the project, undoable) and the chart follows.
class CategoriesDialog : public QDialog
{
    Q_OBJECT
public:
    CategoriesDialog(EventEditor *editor, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }
    // Sets a row's colour as the colour button would (tests; the button opens a QColorDialog).
    void setColor(int row, const QColor &color);

private:
    void rebuild();
    std::optional<EventCategory> current(const QString &name) const;

    EventEditor *m_editor;
    QTableWidget *m_table;
};

} // namespace dnt
