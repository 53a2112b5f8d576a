#include "eventinfo.h"

#include "timeutil.h"
#include "usertime.h"

#include <QDesktopServices>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

namespace dnt {

bool isOpenableLink(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https")) && !url.host().isEmpty();
}

QString eventDetailsText(const Event &e, const QTimeZone &zone)
{
    QString text = e.title + QLatin1Char('\n');
    text += e.endUs ? QStringLiteral("%1 – %2 (%3)").arg(formatUserTime(e.startUs, zone), formatUserTime(*e.endUs, zone), dnt::zoneName(zone))
                    : QStringLiteral("%1 (%2)").arg(formatUserTime(e.startUs, zone), dnt::zoneName(zone));
    if (!e.category.isEmpty())
        text += QStringLiteral("\nCategory: ") + e.category;
    if (!e.note.isEmpty())
        text += QStringLiteral("\n\n") + e.note;
    if (!e.url.isEmpty())
        text += QStringLiteral("\n\nLink: ") + e.url + (isOpenableLink(e.url) ? QString() : QStringLiteral(" (not an http/https link: not opened)"));
    return text;
}

void showEventDetails(QWidget *parent, const Event &event, const QTimeZone &zone)
{
    QMessageBox box(QMessageBox::Information, QObject::tr("Event"), eventDetailsText(event, zone), QMessageBox::Close, parent);
    box.setTextFormat(Qt::PlainText); // titles and notes from files show literally
    QPushButton *open = nullptr;
    if (isOpenableLink(event.url))
        open = box.addButton(QObject::tr("Open link in browser"), QMessageBox::ActionRole);
    box.exec();
    if (open && box.clickedButton() == open)
        QDesktopServices::openUrl(QUrl(event.url.trimmed(), QUrl::StrictMode));
}

} // namespace dnt
