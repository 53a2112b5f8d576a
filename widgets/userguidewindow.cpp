#include "userguidewindow.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace dnt
{

QString userGuideMarkdown()
{
    QFile file(QStringLiteral(":/guide/userguide.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

UserGuideWindow::UserGuideWindow(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("DNS Timeline — User Guide"));
    m_browser = new QTextBrowser(this);
    // The guide links only within itself; nothing is opened outside the program.
    m_browser->setOpenExternalLinks(false);
    m_browser->setOpenLinks(false);
    m_browser->setMarkdown(userGuideMarkdown());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(860, 760);
}

} // namespace dnt
