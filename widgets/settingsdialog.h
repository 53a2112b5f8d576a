#pragma once

#include "appsettings.h"

#include <QDialog>

class QComboBox;

namespace dnt
{

// Edit › Settings…: display zone, default bucket and theme. The caller applies and saves the result.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const AppSettings &current, QWidget *parent = nullptr);
    // What the user chose (the zone stays the current one if the typed name is not a known zone).
    AppSettings settings() const;

    QComboBox *zoneBox() const { return m_zone; }
    QComboBox *bucketBox() const { return m_bucket; }
    QComboBox *themeBox() const { return m_theme; }

private:
    AppSettings m_current;
    QComboBox *m_zone;
    QComboBox *m_bucket;
    QComboBox *m_theme;
};

// Applies the theme to the whole application: the platform's own palette (System), or a light or dark
// Fusion palette. The chart follows through its palette-change handling. GUI thread.
void applyAppTheme(AppSettings::Theme theme);

} // namespace dnt
