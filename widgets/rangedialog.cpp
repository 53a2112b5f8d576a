#include "rangedialog.h"

#include "timeutil.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace dnt {

namespace {

const QString kFieldFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");

} // namespace

RangeDialog::RangeDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Typed Range"));
    // The fields hold wall-clock times of the display zone. They are kept in UTC spec so that the
    // machine's own zone (its DST gaps) never touches them; the display zone converts them.
    auto makeEdit = [this] {
        auto *e = new QDateTimeEdit(this);
        e->setTimeSpec(Qt::UTC);
        e->setCalendarPopup(true);
        e->setDisplayFormat(kFieldFormat);
        // The chart's own limits (TimelineChart keeps its axis inside 1900 … 2200).
        e->setDateTimeRange(QDateTime(QDate(1900, 1, 2), QTime(0, 0), QTimeZone::utc()),
                            QDateTime(QDate(2199, 12, 30), QTime(23, 59, 59), QTimeZone::utc()));
        return e;
    };
    m_from = makeEdit();
    m_to = makeEdit();
    m_from->setToolTip(tr("The first moment shown (inclusive)"));
    m_to->setToolTip(tr("The end of the range (exclusive)"));
    m_zoneNote = new QLabel(this);
    m_zoneNote->setTextFormat(Qt::PlainText);
    m_problem = new QLabel(this);
    m_problem->setTextFormat(Qt::PlainText);
    // Room for the message from the start: the dialog does not grow when it appears.
    m_problem->setMinimumWidth(m_problem->fontMetrics().horizontalAdvance(emptyRangeMessage()) + 4);
    m_problem->setMinimumHeight(m_problem->fontMetrics().height());
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Chart this range"));
    m_buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Keep the range as it is"));

    auto *form = new QFormLayout;
    form->addRow(tr("From:"), m_from);
    form->addRow(tr("To:"), m_to);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_zoneNote);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &RangeDialog::validate);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &RangeDialog::validate);
    setDisplayZone(QTimeZone::utc());
}

void RangeDialog::setDisplayZone(const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    m_zoneNote->setText(tr("Times in %1, the display zone.").arg(zoneName(m_zone)));
    validate();
}

void RangeDialog::setRange(int64_t fromUs, int64_t toUs)
{
    auto wallClock = [this](int64_t us) {
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(us / 1000, m_zone);
        return QDateTime(local.date(), QTime(local.time().hour(), local.time().minute(), local.time().second()),
                         QTimeZone::utc());
    };
    m_from->setDateTime(wallClock(fromUs));
    m_to->setDateTime(wallClock(toUs));
    validate();
}

QString RangeDialog::emptyRangeMessage()
{
    return tr("“To” must be after “From”: the range would be empty.");
}

int64_t RangeDialog::toUs(const QDateTimeEdit *edit) const
{
    const QDateTime wall = edit->dateTime();
    return QDateTime(wall.date(), wall.time(), m_zone).toMSecsSinceEpoch() * 1000;
}

std::optional<std::pair<int64_t, int64_t>> RangeDialog::range() const
{
    const int64_t from = toUs(m_from), to = toUs(m_to);
    if (to <= from)
        return std::nullopt;
    return std::make_pair(from, to);
}

QPushButton *RangeDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void RangeDialog::validate()
{
    const bool ok = range().has_value();
    m_problem->setText(ok ? QString() : emptyRangeMessage());
    okButton()->setEnabled(ok);
}

} // namespace dnt
