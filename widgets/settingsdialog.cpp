#include "settingsdialog.h"

#include "timeutil.h"

#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPalette>
#include <QPointer>
#include <QStyle>
#include <QStyleFactory>
#include <QVBoxLayout>

namespace dnt
{

SettingsDialog::SettingsDialog(const AppSettings &current, QWidget *parent)
    : QDialog(parent), m_current(current)
{
    setWindowTitle(tr("Settings"));
    m_zone = new QComboBox(this);
    m_zone->setEditable(true);
    m_zone->setInsertPolicy(QComboBox::NoInsert);
    m_zone->addItem(QStringLiteral("UTC"));
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        if (id != "UTC")
            m_zone->addItem(QString::fromLatin1(id));
    m_zone->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_zone->completer()->setFilterMode(Qt::MatchContains);
    m_zone->setCurrentText(zoneName(current.displayZone));
    m_zone->setToolTip(tr("Buckets, the time axis and event times are shown in this zone"));

    m_bucket = new QComboBox(this);
    m_bucket->addItem(tr("Automatic (follows the visible range)"), QString());
    for (BucketUnit u :
         {BucketUnit::Minute, BucketUnit::FiveMinutes, BucketUnit::FifteenMinutes, BucketUnit::Hour,
          BucketUnit::SixHours, BucketUnit::Day, BucketUnit::Week, BucketUnit::Month})
        m_bucket->addItem(bucketUnitLabel(u), bucketUnitName(u));
    m_bucket->setCurrentIndex(
        current.defaultBucket ? std::max(0, m_bucket->findData(bucketUnitName(*current.defaultBucket))) : 0);
    m_bucket->setToolTip(tr("The bucket a chart starts with"));

    m_theme = new QComboBox(this);
    m_theme->addItem(tr("Follow the system"), AppSettings::themeName(AppSettings::Theme::System));
    m_theme->addItem(tr("Light"), AppSettings::themeName(AppSettings::Theme::Light));
    m_theme->addItem(tr("Dark"), AppSettings::themeName(AppSettings::Theme::Dark));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(AppSettings::themeName(current.theme))));
    m_theme->setToolTip(
        tr("Colours of the window and the chart on screen (exports always use a light theme)"));

    auto *form = new QFormLayout;
    form->addRow(tr("Display &zone:"), m_zone);
    form->addRow(tr("Default &bucket:"), m_bucket);
    form->addRow(tr("&Theme:"), m_theme);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_current;
    const QByteArray zone = m_zone->currentText().trimmed().toUtf8();
    if (zone == "UTC")
        s.displayZone = QTimeZone::utc();
    else if (QTimeZone(zone).isValid())
        s.displayZone = QTimeZone(zone);
    const QString bucket = m_bucket->currentData().toString();
    s.defaultBucket = bucket.isEmpty() ? std::nullopt : bucketUnitFromString(bucket);
    s.theme =
        AppSettings::themeFromName(m_theme->currentData().toString()).value_or(AppSettings::Theme::System);
    return s;
}

void applyAppTheme(AppSettings::Theme theme)
{
    // The platform's palette as it was before any theme of ours replaced it.
    static const QPalette systemPalette = QApplication::palette();
    static QPointer<QStyle> systemStyle = QApplication::style();
    if (theme == AppSettings::Theme::System) {
        if (systemStyle && QApplication::style() != systemStyle.data())
            QApplication::setStyle(QStyleFactory::create(systemStyle->name()));
        QApplication::setPalette(systemPalette);
        return;
    }
    // Fusion draws every palette role faithfully, so both themes look the same on every desktop.
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (theme == AppSettings::Theme::Light) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QPalette dark;
    const QColor window(0x2b, 0x2b, 0x2e), base(0x1f, 0x1f, 0x22), text(0xe8, 0xe8, 0xe8);
    dark.setColor(QPalette::Window, window);
    dark.setColor(QPalette::WindowText, text);
    dark.setColor(QPalette::Base, base);
    dark.setColor(QPalette::AlternateBase, window);
    dark.setColor(QPalette::ToolTipBase, base);
    dark.setColor(QPalette::ToolTipText, text);
    dark.setColor(QPalette::Text, text);
    dark.setColor(QPalette::Button, window);
    dark.setColor(QPalette::ButtonText, text);
    dark.setColor(QPalette::BrightText, Qt::white);
    dark.setColor(QPalette::Highlight, QColor(0x00, 0x72, 0xB2));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Link, QColor(0x56, 0xB4, 0xE9));
    dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        dark.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    QApplication::setPalette(dark);
}

} // namespace dnt
