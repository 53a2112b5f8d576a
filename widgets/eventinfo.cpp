#include "eventinfo.h"

#include "timeutil.h"
#include "usertime.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

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
    if (e.endUs) {
        const auto [start, end] = formatUserTimeRange(e.startUs, *e.endUs, zone);
        text += QStringLiteral("%1 – %2 (%3)").arg(start, end, dnt::zoneName(zone));
    } else {
        text += QStringLiteral("%1 (%2)").arg(formatUserTime(e.startUs, zone), dnt::zoneName(zone));
    }
    if (!e.category.isEmpty())
        text += QStringLiteral("\nCategory: ") + e.category;
    if (!e.note.isEmpty())
        text += QStringLiteral("\n\n") + e.note;
    if (!e.url.isEmpty())
        text += QStringLiteral("\n\nLink: ") + e.url + (isOpenableLink(e.url) ? QString() : QStringLiteral(" (not an http/https link: not opened)"));
    return text;
}

EventInfoBox::EventInfoBox(const Event &event, const QTimeZone &zone, QWidget *parent)
    : QDialog(parent), m_event(event), m_text(eventDetailsText(event, zone))
{
    setWindowTitle(tr("Event"));
    setModal(false);
    auto *label = new QLabel(m_text, this);
    label->setTextFormat(Qt::PlainText); // titles and notes from files show literally
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_edit = buttons->addButton(tr("Edit…"), QDialogButtonBox::ActionRole);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        emit editRequested(m_event);
        close();
    });
    if (isOpenableLink(event.url)) {
        m_openLink = buttons->addButton(tr("Open link in browser"), QDialogButtonBox::ActionRole);
        connect(m_openLink, &QPushButton::clicked, this,
                [this] { QDesktopServices::openUrl(QUrl(m_event.url.trimmed(), QUrl::StrictMode)); });
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(buttons);
    setMinimumWidth(360);
}

QString EventInfoBox::text() const
{
    return m_text;
}

EventInfoBox *showEventDetails(QWidget *parent, const Event &event, const QTimeZone &zone)
{
    auto *box = new EventInfoBox(event, zone, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->show();
    return box;
}

} // namespace dnt
