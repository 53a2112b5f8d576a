#pragma once

#include <QDialog>

class QTextBrowser;

namespace dnt
{

// The guide shipped inside the program (resources/guide/userguide.md, compiled in).
QString userGuideMarkdown();

// Help › User Guide: the guide in a window of its own that stays open beside the main window.
class UserGuideWindow : public QDialog
{
    Q_OBJECT
public:
    explicit UserGuideWindow(QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace dnt
