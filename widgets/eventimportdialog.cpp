#include "eventimportdialog.h"

#include "timeutil.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dnt {

EventImportDialog::EventImportDialog(const QString &path, const EventFileResult &parsed, const QVector<Event> &existing,
                                     QWidget *parent)
    : QDialog(parent), m_problems(parsed.problems.size() + (parsed.error.isEmpty() ? 0 : 1))
{
    setWindowTitle(tr("Import events from %1").arg(QFileInfo(path).fileName()));
    QSet<QPair<qint64, QString>> seen;
    for (const Event &e : existing)
        seen.insert({e.startUs, e.title});

    m_table = new QTableWidget(0, 4, this);
    m_table->setTabKeyNavigation(false); // Tab leaves for the next control; arrows move between cells
    m_table->setHorizontalHeaderLabels({tr("Line"), tr("Status"), tr("Start (UTC)"), tr("Title or problem")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    // QTableWidgetItem text is plain text: titles such as "<b>x</b>" show literally.
    auto addRow = [this](const QString &line, const QString &status, const QString &start, const QString &text) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        m_table->setItem(r, 0, new QTableWidgetItem(line));
        m_table->setItem(r, 1, new QTableWidgetItem(status));
        m_table->setItem(r, 2, new QTableWidgetItem(start));
        m_table->setItem(r, 3, new QTableWidgetItem(text));
    };
    if (!parsed.error.isEmpty())
        addRow(QString(), tr("bad file"), QString(), parsed.error);
    for (const auto &p : parsed.problems)
        addRow(QString::number(p.line), tr("bad row"), QString(), p.reason);
    for (const QString &w : parsed.warningMessages(QFileInfo(path).fileName()))
        addRow(QString(), tr("note"), QString(), w);
    for (const Event &e : parsed.events) {
        const QPair<qint64, QString> key{e.startUs, e.title};
        if (seen.contains(key)) {
            ++m_duplicates;
            addRow(QString(), tr("already in the project"), formatIsoUtc(e.startUs), e.title);
            continue;
        }
        seen.insert(key);
        m_new.append(e);
        addRow(QString(), tr("new"), formatIsoUtc(e.startUs), e.title);
    }

    auto *summary = new QLabel(this);
    summary->setTextFormat(Qt::PlainText);
    summary->setWordWrap(true);
    summary->setText(tr("%1 new events, %2 already in the project (not added again), %3 bad rows.")
                         .arg(m_new.size())
                         .arg(m_duplicates)
                         .arg(m_problems));
    m_onlyGood = new QCheckBox(tr("Import only the good rows"), this);
    m_onlyGood->setVisible(m_problems > 0 && parsed.error.isEmpty());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_import = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    connect(m_onlyGood, &QCheckBox::toggled, this, &EventImportDialog::update);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canImport())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_table);
    layout->addWidget(m_onlyGood);
    layout->addWidget(buttons);
    resize(760, 420);
    update();
}

bool EventImportDialog::canImport() const
{
    return !m_new.isEmpty() && (m_problems == 0 || (!m_onlyGood->isHidden() && m_onlyGood->isChecked()));
}

void EventImportDialog::update()
{
    m_import->setEnabled(canImport());
    m_import->setText(tr("Import %1 events").arg(m_new.size()));
}

} // namespace dnt
