#pragma once

#include "reader.h"

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;

namespace dnt {

// Which column of a CSV/TSV export is the time, the client, the name (required) and the type, server
// and rcode (optional), how the time is written and what separates the fields — with the first rows of
// the file shown as they will be read.
class CsvMappingDialog : public QDialog
{
    Q_OBJECT
public:
    enum Role { Time, Client, Name, Type, Server, Rcode, RoleCount };

    CsvMappingDialog(const QString &path, const ReaderOptions &current, QWidget *parent = nullptr);

    // csvColumns ("time=ts,client=src,…", or positions "time=1,…" without a header), csvNoHeader,
    // csvTimeFormat and csvDelimiter as chosen.
    ReaderOptions apply(ReaderOptions options) const;
    QStringList header() const { return m_header; }
    int previewRows() const;
    QComboBox *roleBox(Role role) const { return m_roles[role]; }
    QComboBox *delimiterBox() const { return m_delimiter; }
    QComboBox *timeFormatBox() const { return m_timeFormat; }
    // "First row is data": the file has no header; columns are chosen (and passed on) by position.
    QCheckBox *noHeaderBox() const { return m_noHeader; }
    // Empty when time, client and name are chosen, else what is missing.
    QString problem() const;

private:
    void reload();

    QByteArray m_head;
    QStringList m_header;
    QComboBox *m_delimiter;
    QComboBox *m_timeFormat;
    QCheckBox *m_noHeader;
    QComboBox *m_roles[RoleCount];
    QTableWidget *m_preview;
    QLabel *m_problem;
};

} // namespace dnt
