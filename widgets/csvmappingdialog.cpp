#include "csvmappingdialog.h"

#include "csv.h"
#include "inputstream.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dnt {

namespace {

const char *const kRoleNames[] = {"time", "client", "name", "type", "server", "rcode"};
const char *const kRoleLabels[] = {"Time (required):", "Client (required):", "Name (required):",
                                   "Query type:", "Server:", "Response code:"};
// Header names that usually mean a role, as the CSV reader guesses them too.
const QStringList kGuesses[] = {
    {"time", "timestamp", "ts", "date", "datetime"},
    {"client", "src", "source", "src_ip", "client_ip", "srcaddr"},
    {"name", "query", "domain", "qname", "query_name"},
    {"type", "qtype", "query_type", "rrtype"},
    {"server", "dst", "dest", "dest_ip", "resolver"},
    {"rcode", "response_code", "status"},
};

QChar guessDelimiter(const QByteArray &head)
{
    const QByteArray first = head.left(head.indexOf('\n') < 0 ? head.size() : head.indexOf('\n'));
    QChar best = QLatin1Char(',');
    qsizetype bestCount = 0;
    for (const char c : {',', ';', '\t', '|'}) {
        if (first.count(c) > bestCount) {
            bestCount = first.count(c);
            best = QLatin1Char(c);
        }
    }
    return best;
}

} // namespace

CsvMappingDialog::CsvMappingDialog(const QString &path, const ReaderOptions &current, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Columns of %1").arg(path.section(QLatin1Char('/'), -1)));
    QString error;
    if (auto stream = InputStream::openFile(path, &error))
        m_head = stream->peek(256 * 1024);
    // Only whole lines: the last one may be cut by the peek.
    if (m_head.size() == 256 * 1024 && m_head.lastIndexOf('\n') > 0)
        m_head.truncate(m_head.lastIndexOf('\n') + 1);

    m_delimiter = new QComboBox(this);
    m_delimiter->addItem(tr("Comma ,"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon ;"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Pipe |"), QStringLiteral("|"));
    const QString delimiter = current.csvDelimiter.isEmpty() ? QString(guessDelimiter(m_head)) : current.csvDelimiter;
    m_delimiter->setCurrentIndex(std::max(0, m_delimiter->findData(delimiter)));

    m_timeFormat = new QComboBox(this);
    m_timeFormat->setEditable(true);
    m_timeFormat->addItem(tr("Detect per value"), QString());
    m_timeFormat->addItem(QStringLiteral("epoch"), QStringLiteral("epoch"));
    m_timeFormat->addItem(QStringLiteral("epoch-ms"), QStringLiteral("epoch-ms"));
    m_timeFormat->addItem(QStringLiteral("iso8601"), QStringLiteral("iso8601"));
    m_timeFormat->addItem(QStringLiteral("%Y-%m-%d %H:%M:%S"), QStringLiteral("%Y-%m-%d %H:%M:%S"));
    m_timeFormat->addItem(QStringLiteral("%d/%m/%Y %H:%M:%S"), QStringLiteral("%d/%m/%Y %H:%M:%S"));
    m_timeFormat->setToolTip(tr("epoch, epoch-ms, iso8601, or a pattern with %Y %m %d %H %M %S %f %b %I %p %z"));
    if (!current.csvTimeFormat.isEmpty())
        m_timeFormat->setCurrentText(current.csvTimeFormat);

    m_noHeader = new QCheckBox(tr("First row is data (the file has no header; columns by position)"), this);
    m_noHeader->setChecked(current.csvNoHeader);

    m_preview = new QTableWidget(this);
    m_preview->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 6);
    m_problem = new QLabel(this);
    m_problem->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->addRow(tr("Fields separated by:"), m_delimiter);
    form->addRow(QString(), m_noHeader);
    for (int r = 0; r < RoleCount; ++r) {
        m_roles[r] = new QComboBox(this);
        form->addRow(tr(kRoleLabels[r]), m_roles[r]);
        connect(m_roles[r], &QComboBox::currentIndexChanged, this, [this] { m_problem->setText(problem()); });
    }
    form->addRow(tr("Time written as:"), m_timeFormat);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        m_problem->setText(problem());
        if (problem().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &CsvMappingDialog::reload);
    connect(m_noHeader, &QCheckBox::toggled, this, &CsvMappingDialog::reload);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("The first rows, as they will be read:"), this));
    layout->addWidget(m_preview, 1);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(820, 560);
    reload();

    // A mapping given before (--columns style) wins over guesses.
    for (const QString &pair : current.csvColumns.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString role = pair.section(QLatin1Char('='), 0, 0).trimmed().toLower();
        const QString column = pair.section(QLatin1Char('='), 1).trimmed();
        for (int r = 0; r < RoleCount; ++r)
            if (role == QLatin1String(kRoleNames[r]))
                m_roles[r]->setCurrentIndex(std::max(0, m_roles[r]->findData(column)));
    }
}

void CsvMappingDialog::reload()
{
    const QChar delimiter = m_delimiter->currentData().toString().at(0);
    const CsvParseResult parsed = parseCsv(m_head, delimiter);
    const bool noHeader = m_noHeader->isChecked();
    const QStringList first = parsed.rows.isEmpty() ? QStringList() : parsed.rows.first().fields;
    // Without a header, columns are known by their 1-based position, as --columns takes them.
    QStringList positions;
    for (qsizetype c = 0; c < first.size(); ++c)
        positions << QString::number(c + 1);
    m_header = noHeader ? positions : first;
    const int skip = noHeader ? 0 : 1;
    const int rows = static_cast<int>(std::min<qsizetype>(20, std::max<qsizetype>(0, parsed.rows.size() - skip)));
    m_preview->clear();
    m_preview->setColumnCount(static_cast<int>(m_header.size()));
    m_preview->setRowCount(rows);
    m_preview->setHorizontalHeaderLabels(m_header); // header items are plain text
    for (int r = 0; r < rows; ++r) {
        const QStringList &fields = parsed.rows.at(r + skip).fields;
        for (int c = 0; c < fields.size() && c < m_header.size(); ++c)
            m_preview->setItem(r, c, new QTableWidgetItem(fields.at(c)));
    }
    for (int role = 0; role < RoleCount; ++role) {
        const QSignalBlocker block(m_roles[role]);
        m_roles[role]->clear();
        m_roles[role]->addItem(role <= Name ? tr("— choose —") : tr("— none —"), QString());
        for (qsizetype c = 0; c < m_header.size(); ++c)
            m_roles[role]->addItem(noHeader ? tr("Column %1: %2").arg(m_header.at(c), first.at(c).left(40)) : m_header.at(c),
                                   m_header.at(c));
        if (noHeader)
            continue; // nothing to guess from
        for (int c = 0; c < m_header.size(); ++c)
            if (kGuesses[role].contains(m_header.at(c).trimmed().toLower())) {
                m_roles[role]->setCurrentIndex(c + 1);
                break;
            }
    }
    m_problem->setText(problem());
}

int CsvMappingDialog::previewRows() const
{
    return m_preview->rowCount();
}

QString CsvMappingDialog::problem() const
{
    QStringList missing;
    for (int r = Time; r <= Name; ++r)
        if (m_roles[r]->currentData().toString().isEmpty())
            missing << QString::fromLatin1(kRoleNames[r]);
    return missing.isEmpty() ? QString() : tr("Choose the column for: %1").arg(missing.join(QStringLiteral(", ")));
}

ReaderOptions CsvMappingDialog::apply(ReaderOptions options) const
{
    QStringList pairs;
    for (int r = 0; r < RoleCount; ++r) {
        const QString column = m_roles[r]->currentData().toString();
        if (!column.isEmpty())
            pairs << QStringLiteral("%1=%2").arg(QLatin1String(kRoleNames[r]), column);
    }
    options.csvColumns = pairs.join(QLatin1Char(','));
    options.csvNoHeader = m_noHeader->isChecked();
    const int index = m_timeFormat->findText(m_timeFormat->currentText());
    options.csvTimeFormat = index >= 0 ? m_timeFormat->itemData(index).toString() : m_timeFormat->currentText();
    options.csvDelimiter = m_delimiter->currentData().toString();
    return options;
}

} // namespace dnt
