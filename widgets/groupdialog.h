#pragma once

#include "store.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace dnt {

// Creates or edits a source group: a name, a colour and its members (addresses and CIDR ranges, one per
// line or separated by spaces or commas). OK stays disabled while anything is invalid, and says why.
class GroupDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GroupDialog(const SourceGroup &group, QWidget *parent = nullptr);
    SourceGroup group() const;
    // Why the group cannot be saved as typed, or empty.
    QString problem() const;
    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *membersEdit() const { return m_members; }

private:
    void validate();
    void setColor(const QString &color);

    QLineEdit *m_name;
    QPushButton *m_color;
    QPlainTextEdit *m_members;
    QLabel *m_problem;
    QPushButton *m_ok;
    QString m_colorText;
};

} // namespace dnt
