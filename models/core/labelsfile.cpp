#include "labelsfile.h"

#include "selection.h"

#include <QFile>
#include <QHash>

namespace dnt {

QStringList LabelsFileResult::messages(const QString &file) const
{
    QStringList out;
    if (!error.isEmpty())
        out << QStringLiteral("%1: %2").arg(file, error);
    for (const Problem &p : problems)
        out << QStringLiteral("%1:%2: %3").arg(file).arg(p.line).arg(p.reason);
    return out;
}

LabelsFileResult parseLabels(const QByteArray &data)
{
    LabelsFileResult r;
    QHash<QString, qsizetype> index;
    int64_t lineNo = 0;
    for (const QByteArray &raw : data.split('\n')) {
        ++lineNo;
        QString line = QString::fromUtf8(raw);
        const qsizetype hash = line.indexOf(QLatin1Char('#'));
        if (hash >= 0)
            line.truncate(hash);
        line = line.simplified();
        if (line.isEmpty())
            continue;
        const qsizetype space = line.indexOf(QLatin1Char(' '));
        const QString address = space < 0 ? line : line.left(space);
        const QString label = space < 0 ? QString() : line.mid(space + 1);
        const auto f = AddressFilter::parse(address);
        if (!f || address.contains(QLatin1Char('/'))) {
            r.problems.append({lineNo, QStringLiteral("\"%1\" is not an IPv4/IPv6 address (expected ADDRESS LABEL)").arg(address.left(80))});
            continue;
        }
        if (label.isEmpty()) {
            r.problems.append({lineNo, QStringLiteral("%1 has no label (expected ADDRESS LABEL)").arg(f->text())});
            continue;
        }
        const auto it = index.constFind(f->text());
        if (it != index.cend()) {
            r.labels[*it].second = label;
        } else {
            index.insert(f->text(), r.labels.size());
            r.labels.append({f->text(), label});
        }
    }
    return r;
}

LabelsFileResult readLabelsFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        LabelsFileResult r;
        r.error = QStringLiteral("cannot read: %1").arg(f.errorString());
        return r;
    }
    // A labels file is a few thousand lines at most; a huge file is a mistake, not a labels file.
    constexpr qint64 kMaxBytes = 64 * 1024 * 1024;
    if (f.size() > kMaxBytes) {
        LabelsFileResult r;
        r.error = QStringLiteral("too large for a labels file (%1 bytes; at most 64 MiB)").arg(f.size());
        return r;
    }
    return parseLabels(f.readAll());
}

} // namespace dnt
