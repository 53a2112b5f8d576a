#include "groupdialog.h"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>

namespace dnt {

GroupDialog::GroupDialog(const SourceGroup &group, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(group.name.isEmpty() ? tr("New source group") : tr("Edit source group"));
    m_name = new QLineEdit(group.name, this);
    m_name->setPlaceholderText(tr("e.g. Bank resolvers"));
    m_color = new QPushButton(this);
    m_color->setToolTip(tr("The colour of this group's series on the chart"));
    m_members = new QPlainTextEdit(group.members.join(QLatin1Char('\n')), this);
    m_members->setPlaceholderText(tr("Addresses and CIDR ranges, one per line\n217.12.96.15\n10.0.0.0/8"));
    m_members->setTabChangesFocus(true);
    m_problem = new QLabel(this);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Colour:"), m_color);
    form->addRow(tr("Members:"), m_members);
    form->addRow(m_problem);
    form->addRow(buttons);

    setColor(group.color);
    connect(m_color, &QPushButton::clicked, this, [this] {
        const QColor c = QColorDialog::getColor(QColor(m_colorText), this, tr("Group colour"));
        if (c.isValid())
            setColor(c.name());
    });
    connect(m_name, &QLineEdit::textChanged, this, &GroupDialog::validate);
    connect(m_members, &QPlainTextEdit::textChanged, this, &GroupDialog::validate);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

void GroupDialog::setColor(const QString &color)
{
    m_colorText = QColor(color).isValid() ? QColor(color).name() : QStringLiteral("#1f77b4");
    QPixmap swatch(28, 14);
    swatch.fill(QColor(m_colorText));
    m_color->setIcon(QIcon(swatch));
    m_color->setText(m_colorText);
}

SourceGroup GroupDialog::group() const
{
    SourceGroup g;
    g.name = m_name->text().trimmed();
    g.color = m_colorText;
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    g.members = m_members->toPlainText().split(separators, Qt::SkipEmptyParts);
    return g;
}

QString GroupDialog::problem() const
{
    const SourceGroup g = group();
    if (g.name.isEmpty())
        return tr("Give the group a name.");
    if (g.name.contains(QLatin1Char(',')))
        return tr("A group name cannot contain a comma.");
    if (g.members.isEmpty())
        return tr("Add at least one address or CIDR range.");
    for (const QString &m : g.members)
        if (!AddressFilter::parse(m))
            return tr("“%1” is not an IPv4/IPv6 address or CIDR range.").arg(m);
    return {};
}

void GroupDialog::validate()
{
    const QString p = problem();
    m_problem->setText(p);
    m_ok->setEnabled(p.isEmpty());
}

} // namespace dnt
