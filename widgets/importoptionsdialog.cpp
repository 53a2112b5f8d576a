#include "importoptionsdialog.h"

#include "csvmappingdialog.h"
#include "reader.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace dnt {

ImportOptionsDialog::ImportOptionsDialog(const QStringList &files, QWidget *parent) : QDialog(parent), m_files(files)
{
    setWindowTitle(tr("Import DNS logs"));
    m_table = new QTableWidget(static_cast<int>(files.size()), 4, this);
    m_table->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Size"), tr("Format"), QString()});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    bool anyUnknown = false;
    for (int row = 0; row < files.size(); ++row) {
        const QFileInfo info(files.at(row));
        QString error, unrecognised;
        const QString detected = detectFileFormat(files.at(row), &error, &unrecognised);
        m_detected << detected;
        auto *name = new QTableWidgetItem(info.fileName());
        name->setToolTip(info.absoluteFilePath()); // plain: no markup in file names is interpreted here
        m_table->setItem(row, 0, name);
        m_table->setItem(row, 1, new QTableWidgetItem(QLocale().formattedDataSize(info.size())));
        auto *combo = new QComboBox(m_table);
        combo->addItem(detected.isEmpty() ? tr("Not recognised: choose") : tr("%1 (detected)").arg(detected),
                       detected);
        for (const QString &f : knownFormats())
            combo->addItem(f, f);
        if (detected.isEmpty())
            anyUnknown = true;
        if (!error.isEmpty())
            combo->setToolTip(error);
        else if (!unrecognised.isEmpty())
            combo->setToolTip(tr("Not recognised: %1").arg(unrecognised).toHtmlEscaped());
        m_table->setCellWidget(row, 2, combo);
        // A CSV/TSV export needs to say which column is what: a mapping with a preview.
        auto *map = new QPushButton(tr("Map columns…"), m_table);
        map->setToolTip(tr("Choose the time, client and name columns of this CSV file, with a preview"));
        map->setEnabled(combo->currentData().toString() == QLatin1String("csv"));
        connect(combo, &QComboBox::currentIndexChanged, map,
                [combo, map] { map->setEnabled(combo->currentData().toString() == QLatin1String("csv")); });
        const QString file = files.at(row);
        connect(map, &QPushButton::clicked, this, [this, file] {
            CsvMappingDialog mapping(file, m_csv, this);
            if (mapping.exec() == QDialog::Accepted)
                m_csv = mapping.apply(m_csv);
        });
        m_table->setCellWidget(row, 3, map);
    }

    m_zone = new QComboBox(this);
    m_zone->setEditable(true);
    m_zone->addItem(QStringLiteral("UTC"));
    QStringList zones;
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        zones << QString::fromLatin1(id);
    zones.sort();
    m_zone->addItems(zones);
    m_zone->setCurrentIndex(0);
    m_zone->completer()->setFilterMode(Qt::MatchContains);
    m_zone->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_zone->setToolTip(tr("For logs that write local time without a zone (BIND, dnsmasq, Windows, Unbound ascii, "
                          "CSV): the zone the logging machine was in. Recorded with each file."));
    m_year = new QSpinBox(this);
    m_year->setRange(1969, 2199);
    m_year->setSpecialValueText(tr("Infer from the file date"));
    m_year->setValue(1969);
    m_year->setToolTip(tr("For logs whose time stamps have no year (dnsmasq, Unbound ascii)."));

    auto *hint = new QLabel(tr("Formats are detected from the files' first bytes. Times without a zone are read in "
                               "the zone below; the import report says what was assumed."),
                            this);
    hint->setWordWrap(true);
    hint->setTextFormat(Qt::PlainText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        for (int row = 0; row < m_table->rowCount(); ++row)
            if (static_cast<QComboBox *>(m_table->cellWidget(row, 2))->currentData().toString().isEmpty())
                return; // a file without a format cannot be imported: the user must choose one
        if (!QTimeZone(m_zone->currentText().trimmed().toUtf8()).isValid()) {
            m_zone->setFocus();
            return;
        }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout;
    form->addRow(tr("Zone of zone-less times:"), m_zone);
    form->addRow(tr("Year of year-less times:"), m_year);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(hint);
    layout->addLayout(form);
    if (anyUnknown) {
        auto *warn = new QLabel(tr("Some files were not recognised: choose their format, or cancel."), this);
        warn->setTextFormat(Qt::PlainText);
        layout->addWidget(warn);
    }
    layout->addWidget(buttons);
    resize(720, 420);
}

QString ImportOptionsDialog::detectedFormat(int row) const
{
    return m_detected.value(row);
}

ImportOptions ImportOptionsDialog::options() const
{
    ImportOptions o;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString chosen = static_cast<QComboBox *>(m_table->cellWidget(row, 2))->currentData().toString();
        if (!chosen.isEmpty())
            o.formatByFile.insert(m_files.at(row), chosen);
    }
    const QString zone = m_zone->currentText().trimmed();
    // UTC chosen in the dialog is still the default: the report then says it was assumed.
    if (zone != QLatin1String("UTC"))
        o.reader.zone = zone;
    o.reader.year = m_year->value() == m_year->minimum() ? 0 : m_year->value();
    o.reader.csvColumns = m_csv.csvColumns;
    o.reader.csvTimeFormat = m_csv.csvTimeFormat;
    o.reader.csvDelimiter = m_csv.csvDelimiter;
    o.reader.csvNoHeader = m_csv.csvNoHeader;
    return o;
}

} // namespace dnt
