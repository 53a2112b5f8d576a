#pragma once

#include <QDialog>
#include <QSize>

class QLineEdit;
class QSpinBox;

namespace dnt {

// Asks where to write the chart image and at which size (pixels).
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const QString &suggestedPath, QSize suggestedSize, QWidget *parent = nullptr);
    QString path() const;
    QSize size() const;

private:
    QLineEdit *m_path;
    QSpinBox *m_width;
    QSpinBox *m_height;
};

} // namespace dnt
