#include "rangechooser.h"

#include "rangedialog.h"
#include "timeutil.h"

namespace dnt {

RangeChooser::RangeChooser(QWidget *parent) : QComboBox(parent)
{
    for (const RangeModeInfo &m : rangeModes()) {
        addItem(tr(m.label), int(m.mode));
        setItemData(count() - 1, tr("Show %1").arg(QLatin1String(m.help)), Qt::ToolTipRole);
    }
    addItem(tr("Typed range…"), -1);
    setItemData(typedIndex(), tr("Type a start and an end in the display zone"), Qt::ToolTipRole);
    m_dialog = new RangeDialog(this);
    m_dialog->setModal(true);
    connect(this, &QComboBox::activated, this, &RangeChooser::onActivated);
    connect(m_dialog, &QDialog::accepted, this, [this] {
        const auto range = m_dialog->range();
        if (!range)
            return; // OK is disabled then; nothing to take
        m_choice.fromUs = range->first;
        m_choice.toUs = range->second;
        showChoice();
        emit choiceChanged(m_choice);
    });
    connect(m_dialog, &QDialog::rejected, this, &RangeChooser::showChoice);
    showChoice();
}

void RangeChooser::setChoice(const RangeChoice &choice)
{
    m_choice = choice;
    showChoice();
}

void RangeChooser::setDisplayZone(const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    showChoice();
}

void RangeChooser::setSuggestedRange(int64_t fromUs, int64_t toUs)
{
    m_suggested = {fromUs, toUs};
}

void RangeChooser::onActivated(int index)
{
    if (index == typedIndex()) {
        m_dialog->setDisplayZone(m_zone);
        const auto [from, to] = m_choice.fromUs && m_choice.toUs ? std::make_pair(*m_choice.fromUs, *m_choice.toUs)
                                                                 : m_suggested;
        m_dialog->setRange(from, to);
        m_dialog->open();
        return;
    }
    m_choice = RangeChoice{RangeMode(itemData(index).toInt()), std::nullopt, std::nullopt};
    showChoice();
    emit choiceChanged(m_choice);
}

void RangeChooser::showChoice()
{
    int index = typedIndex();
    if (!m_choice.isTyped())
        index = findData(int(m_choice.mode));
    setCurrentIndex(index);
    QString tip = tr("The time range shown, and where Reset view (Home) returns to");
    if (m_choice.isTyped()) {
        const QString from = m_choice.fromUs ? formatIsoInZone(*m_choice.fromUs, m_zone) : rangeModeLabel(m_choice.mode);
        const QString to = m_choice.toUs ? formatIsoInZone(*m_choice.toUs, m_zone) : rangeModeLabel(m_choice.mode);
        tip += tr("\nTyped: %1 – %2").arg(from, to);
    }
    setToolTip(tip);
}

} // namespace dnt
