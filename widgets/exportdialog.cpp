#include "exportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
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
    setWindowTitle(tr("Export chart"));
    m_path = new QLineEdit(suggestedPath, this);
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_title = new QLineEdit(this);
    m_title->setPlaceholderText(tr("DNS Timeline chart"));
    m_title->setToolTip(tr("Drawn above the chart and written into the file's metadata"));
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox *s : {m_width, m_height}) {
        s->setRange(16, 16384);
        s->setSuffix(tr(" px"));
    }
    m_width->setValue(suggestedSize.width());
    m_height->setValue(suggestedSize.height());
    m_scale = new QDoubleSpinBox(this);
    m_scale->setRange(1, 4);
    m_scale->setSingleStep(0.5);
    m_scale->setSuffix(QStringLiteral(" ×"));
    m_scale->setToolTip(tr("PNG and JPEG get size × scale pixels, with the matching DPI written into the file"));
    m_footer = new QCheckBox(tr("Provenance line under the chart (files, hashes, selection, bucket, zone, range)"), this);
    m_footer->setChecked(true);
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
        QString filter;
        const QString p = QFileDialog::getSaveFileName(
            this, tr("Export chart"), m_path->text(),
            tr("PNG image (*.png);;JPEG image (*.jpg);;PDF document (*.pdf);;SVG drawing (*.svg);;CSV of the buckets (*.csv)"),
            &filter);
        if (p.isEmpty())
            return;
        // No extension typed: take the one of the chosen filter.
        const qsizetype star = filter.indexOf(QLatin1String("*."));
        const QString ext = star >= 0 ? filter.mid(star + 1, filter.indexOf(QLatin1Char(')'), star) - star - 1) : QString();
        m_path->setText(QFileInfo(p).suffix().isEmpty() ? p + ext : p);
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("File:"), pathRow);
    form->addRow(tr("Title:"), m_title);
    form->addRow(tr("Preset:"), presets);
    form->addRow(tr("Width:"), m_width);
    form->addRow(tr("Height:"), m_height);
    form->addRow(tr("Scale:"), m_scale);
    form->addRow(m_footer);
    form->addRow(buttons);
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

double ExportDialog::scale() const
{
    return m_scale->value();
}

void ExportDialog::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString ExportDialog::title() const
{
    // One line: a title is drawn as one and goes into metadata fields that expect one.
    return m_title->text().simplified();
}

bool ExportDialog::footer() const
{
    return m_footer->isChecked();
}

QSize ExportDialog::size() const
{
    return {m_width->value(), m_height->value()};
}

} // namespace dnt
