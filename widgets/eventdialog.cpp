#include "eventdialog.h"

#include "timeutil.h"
#include "usertime.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QUrl>

#include <tuple>

namespace dnt {

EventDialog::EventDialog(const Event &event, const QTimeZone &zone, const QStringList &categories, QWidget *parent)
    : QDialog(parent), m_original(event), m_zone(zone.isValid() ? zone : QTimeZone::utc())
{
    setWindowTitle(event.id ? tr("Edit event") : tr("Add event"));
    const QString zoneName = dnt::zoneName(m_zone);
    // A span's start and end in the same precision, so that the two fields read alike.
    QString startText, endText;
    if (event.endUs)
        std::tie(startText, endText) = formatUserTimeRange(event.startUs, *event.endUs, m_zone);
    else if (event.startUs || event.id)
        startText = formatUserTime(event.startUs, m_zone);
    m_start = new QLineEdit(startText, this);
    m_start->setPlaceholderText(tr("2016-07-27 or 2016-07-27 19:00 (%1)").arg(zoneName));
    m_end = new QLineEdit(endText, this);
    m_end->setPlaceholderText(tr("empty for a point in time"));
    m_end->setToolTip(tr("A date alone ends at the end of that day."));
    m_title = new QLineEdit(event.title, this);
    m_category = new QComboBox(this);
    m_category->setEditable(true);
    m_category->addItems(categories);
    m_category->setCurrentText(event.category);
    m_note = new QPlainTextEdit(event.note, this);
    m_note->setTabChangesFocus(true);
    m_url = new QLineEdit(event.url, this);
    m_url->setPlaceholderText(QStringLiteral("https://…"));
    m_url->setToolTip(tr("Only http and https links can be opened from the timeline."));
    m_problem = new QLabel(this);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const QString problem = validate();
        m_problem->setText(problem);
        if (problem.isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Start (%1):").arg(zoneName), m_start);
    form->addRow(tr("End:"), m_end);
    form->addRow(tr("Title:"), m_title);
    form->addRow(tr("Category:"), m_category);
    form->addRow(tr("Note:"), m_note);
    form->addRow(tr("Link:"), m_url);
    form->addRow(m_problem);
    form->addRow(buttons);
    resize(520, 380);
}

QString EventDialog::validate()
{
    Event e = m_original;
    bool startDateOnly = false, endDateOnly = false;
    const auto start = parseUserTime(m_start->text(), m_zone, &startDateOnly);
    if (!start)
        return tr("Start: type a date (2016-07-27) or a date and time (2016-07-27 19:00).");
    e.startUs = *start;
    e.endUs.reset();
    if (!m_end->text().trimmed().isEmpty()) {
        const auto end = parseUserTime(m_end->text(), m_zone, &endDateOnly);
        if (!end)
            return tr("End: type a date or a date and time, or leave it empty.");
        e.endUs = endDateOnly ? nextLocalMidnight(*end, m_zone) : *end;
    } else if (startDateOnly) {
        e.endUs = nextLocalMidnight(*start, m_zone); // a date alone is that whole day
    }
    if (e.endUs && *e.endUs <= e.startUs)
        return tr("End must be after start.");
    e.title = m_title->text().trimmed();
    if (e.title.isEmpty())
        return tr("Give the event a title.");
    e.category = m_category->currentText().trimmed();
    e.note = m_note->toPlainText();
    e.url = m_url->text().trimmed();
    if (!e.url.isEmpty()) {
        const QUrl url(e.url, QUrl::StrictMode);
        if (!url.isValid())
            return tr("Link: not a valid address.");
    }
    m_result = e;
    return {};
}

} // namespace dnt
