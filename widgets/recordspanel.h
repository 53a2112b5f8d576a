#pragma once

#include "selection.h"

#include <QTimeZone>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace dnt {

class RecordTableModel;

// The records table: every lookup of the chart's selection, narrowed to a time range selected on the
// chart. Newest or oldest first; copy the selected rows (Ctrl+C, tab-separated), export the selected
// rows or all matching rows as CSV. The model pages on the reader thread as the table scrolls.
class RecordsPanel : public QWidget
{
    Q_OBJECT
public:
    RecordsPanel(RecordTableModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QLabel *countLabel() const { return m_count; }
    QComboBox *orderBox() const { return m_order; }
    std::optional<std::pair<int64_t, int64_t>> timeRange() const { return m_range; }
    QList<int> selectedRows() const;
    // Whether the panel may ask dialogs (tests turn it off).
    void setInteractive(bool interactive) { m_interactive = interactive; }

public slots:
    void setSelection(const dnt::Selection &selection);
    void setTimeRange(int64_t fromUs, int64_t toUs);
    void clearTimeRange();
    void setDisplayZone(const QTimeZone &zone);
    // Re-reads (after an import or a removal).
    void refresh();
    void copySelected();
    // Exports the selected rows, or all matching rows (streamed on the reader thread) when none is
    // selected or `all` is set. Asks for the file when path is empty.
    void exportCsv(const QString &path = {}, bool all = false);

signals:
    void exported(const QString &path, qint64 rows);
    void failed(const QString &message);

private:
    void updateLabel();

    RecordTableModel *m_model;
    QTableView *m_view;
    QLabel *m_count;
    QComboBox *m_order;
    QPushButton *m_clearRange;
    Selection m_selection;
    std::optional<std::pair<int64_t, int64_t>> m_range;
    bool m_interactive = true;
};

} // namespace dnt
