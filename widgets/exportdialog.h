#pragma once

#include <QDialog>
#include <QSize>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace dnt {

// Asks where to write the chart (PNG, JPEG, PDF, SVG or CSV by the file's extension), at which size and
// scale, under which title (like `render --title`), and whether a provenance footer goes under it.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const QString &suggestedPath, QSize suggestedSize, QWidget *parent = nullptr);
    QString path() const;
    QSize size() const;
    double scale() const;
    bool footer() const;
    // The title of the exported chart (drawn and in the file's metadata); starts as the chart's own.
    void setTitle(const QString &title);
    QString title() const;
    QLineEdit *titleEdit() const { return m_title; }

private:
    QLineEdit *m_path;
    QLineEdit *m_title;
    QSpinBox *m_width;
    QSpinBox *m_height;
    QDoubleSpinBox *m_scale;
    QCheckBox *m_footer;
};

} // namespace dnt
