#pragma once

#include "importer.h"

#include <QDialog>

class QComboBox;
class QSpinBox;
class QTableWidget;

namespace dnt {

// Shown before an import from File › Import: each file with the format detected from its first bytes
// (which the user may override), the zone for formats that write local time without one, and the year
// for formats that write none.
class ImportOptionsDialog : public QDialog
{
    Q_OBJECT
public:
    ImportOptionsDialog(const QStringList &files, QWidget *parent = nullptr);
    ImportOptions options() const;
    QString detectedFormat(int row) const;

private:
    QStringList m_files;
    QStringList m_detected;
    QTableWidget *m_table;
    QComboBox *m_zone;
    QSpinBox *m_year;
    ReaderOptions m_csv; // the CSV column mapping, when the user made one
};

} // namespace dnt
