#include "exportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace dnt {

ExportDialog::ExportDialog(const QString &suggestedPath, QSize suggestedSize, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Export chart as PNG"));
    m_path = new QLineEdit(suggestedPath, this);
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox *s : {m_width, m_height}) {
        s->setRange(16, 16384);
        s->setSuffix(tr(" px"));
    }
    m_width->setValue(suggestedSize.width());
    m_height->setValue(suggestedSize.height());
    auto *presets = new QComboBox(this);
    presets->addItem(tr("Custom"));
    const QList<QSize> sizes{{1200, 675}, {1600, 900}, {1920, 1080}, {2400, 1350}, {3840, 2160}};
    for (const QSize &s : sizes)
        presets->addItem(QStringLiteral("%1 × %2").arg(s.width()).arg(s.height()), s);
    connect(presets, &QComboBox::currentIndexChanged, this, [this, presets](int i) {
        const QSize s = presets->itemData(i).toSize();
        if (s.isValid()) {
            m_width->setValue(s.width());
            m_height->setValue(s.height());
        }
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getSaveFileName(this, tr("Export chart"), m_path->text(), tr("PNG images (*.png)"));
        if (!p.isEmpty())
            m_path->setText(p.endsWith(QLatin1String(".png"), Qt::CaseInsensitive) ? p : p + QStringLiteral(".png"));
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("File:"), pathRow);
    form->addRow(tr("Preset:"), presets);
    form->addRow(tr("Width:"), m_width);
    form->addRow(tr("Height:"), m_height);
    form->addRow(buttons);
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

QSize ExportDialog::size() const
{
    return {m_width->value(), m_height->value()};
}

} // namespace dnt
