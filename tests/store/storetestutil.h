#pragma once

// Helpers shared by the store tests: records that own their text (LookupRecord only views it), an
// import helper, and an independent brute-force count to compare the store's answers with.

#include "store.h"
#include "timeutil.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QMap>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

namespace dnt::test {

struct Rec
{
    int64_t t = 0;
    std::string client;
    std::string server;
    std::string name;
    uint16_t qtype = 1;
    int16_t rcode = 0;
    int64_t line = 0;
};

inline FileRecord fileRecord(const QString &path, const QString &sha, int64_t accepted)
{
    FileRecord f;
    f.path = path;
    f.size = 1234;
    f.sha256 = sha;
    f.format = QStringLiteral("zeek");
    f.compression = QStringLiteral("none");
    f.accepted = accepted;
    f.importedAtUs = *parseIso8601(QStringLiteral("2024-01-02T03:04:05Z"));
    return f;
}

inline QString fakeSha(const QString &seed)
{
    return QString::fromLatin1(QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// Imports recs as one file; returns the commit error (empty on success).
inline QString importRecords(Store *store, const std::vector<Rec> &recs, const QString &path, const QString &sha)
{
    QString error;
    auto imp = store->beginFileImport(fileRecord(path, sha, 0), &error);
    if (!imp)
        return error.isEmpty() ? QStringLiteral("beginFileImport failed") : error;
    for (const Rec &r : recs) {
        LookupRecord l;
        l.timeUs = r.t;
        l.client = r.client;
        l.server = r.server;
        l.name = r.name;
        l.qtype = r.qtype;
        l.rcode = r.rcode;
        l.line = r.line;
        if (!imp->add(l, &error))
            return error;
    }
    if (!imp->commit(fileRecord(path, sha, int64_t(recs.size())), &error))
        return error;
    return {};
}

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline QString canonicalAddress(const std::string &text)
{
    QHostAddress a(QString::fromStdString(text));
    return a.isNull() ? QString::fromStdString(text) : a.toString();
}

// The selection as the test understands it, written independently of the store's SQL.
inline bool testSelects(const Selection &sel, const Rec &r)
{
    if (sel.hasNameFilter()) {
        const QString n = QString::fromStdString(r.name);
        bool hit = false;
        for (const QString &e : sel.names)
            hit = hit || n == e.toLower();
        for (QString d : sel.domains) {
            d = d.toLower();
            if (d.endsWith(QLatin1Char('.')))
                d.chop(1);
            hit = hit || n == d || n.endsWith(QLatin1Char('.') + d);
        }
        if (!hit)
            return false;
    }
    if (!sel.clients.isEmpty()) {
        const QHostAddress a(QString::fromStdString(r.client));
        bool hit = false;
        for (const QString &c : sel.clients) {
            if (c.contains(QLatin1Char('/'))) {
                const auto net = QHostAddress::parseSubnet(c);
                hit = hit || a.isInSubnet(net.first, net.second);
            } else {
                hit = hit || a == QHostAddress(c);
            }
        }
        if (!hit)
            return false;
    }
    if (!sel.rcodes.isEmpty() && !sel.rcodes.contains(r.rcode))
        return false;
    if (!sel.qtypes.isEmpty() && !sel.qtypes.contains(r.qtype))
        return false;
    if (!sel.servers.isEmpty()) {
        if (r.server.empty())
            return false;
        const QHostAddress a(QString::fromStdString(r.server));
        bool hit = false;
        for (const QString &c : sel.servers) {
            if (c.contains(QLatin1Char('/'))) {
                const auto net = QHostAddress::parseSubnet(c);
                hit = hit || a.isInSubnet(net.first, net.second);
            } else {
                hit = hit || a == QHostAddress(c);
            }
        }
        if (!hit)
            return false;
    }
    return true;
}

// What volume() must return, computed by brute force over the records.
inline VolumeSeries expectedVolume(const VolumeQuery &q, const std::vector<Rec> &recs)
{
    VolumeSeries v;
    v.unit = q.unit;
    int64_t first = INT64_MAX, last = INT64_MIN;
    for (const Rec &r : recs) {
        if (testSelects(q.selection, r)) {
            first = std::min(first, r.t);
            last = std::max(last, r.t);
        }
    }
    const bool any = first <= last;
    if (!any && (!q.fromUs || !q.toUs))
        return v;
    const int64_t w = bucketWidthUs(q.unit);
    const int64_t from = q.fromUs ? *q.fromUs : bucketFloor(first, q.unit);
    const int64_t to = q.toUs ? *q.toUs : bucketFloor(last, q.unit) + w;
    const int64_t b0 = bucketFloor(from, q.unit);
    const int64_t n = (bucketFloor(to - 1, q.unit) - b0) / w + 1;
    v.fromUs = b0;
    v.toUs = b0 + n * w;
    for (int64_t i = 0; i < n; ++i)
        v.bucketStarts.append(b0 + i * w);
    if (!any)
        return v;
    QMap<QString, VolumeSeries::Series> byLabel;
    for (const Rec &r : recs) {
        if (!testSelects(q.selection, r) || r.t < from || r.t >= to)
            continue;
        const QString label = q.split == Split::Client ? canonicalAddress(r.client)
                              : q.split == Split::Name ? QString::fromStdString(r.name)
                                                       : QStringLiteral("all");
        auto &s = byLabel[label];
        if (s.counts.isEmpty()) {
            s.label = label;
            s.counts = QVector<int64_t>(n, 0);
        }
        ++s.counts[(r.t - b0) / w];
        ++s.total;
    }
    if (q.split == Split::None) {
        VolumeSeries::Series all = byLabel.value(QStringLiteral("all"));
        all.label = QStringLiteral("all");
        if (all.counts.isEmpty())
            all.counts = QVector<int64_t>(n, 0);
        v.series.append(all);
        return v;
    }
    for (const auto &s : byLabel)
        v.series.append(s);
    std::sort(v.series.begin(), v.series.end(), [](const auto &a, const auto &b) {
        return a.total != b.total ? a.total > b.total : a.label < b.label;
    });
    // The series beyond maxSeries are summed into "other", last.
    if (q.maxSeries > 0 && v.series.size() > q.maxSeries) {
        VolumeSeries::Series other{VolumeSeries::otherLabel(), QVector<int64_t>(n, 0), 0, QString(), true, 0};
        for (qsizetype s = q.maxSeries; s < v.series.size(); ++s) {
            for (int64_t i = 0; i < n; ++i)
                other.counts[i] += v.series.at(s).counts.at(i);
            other.total += v.series.at(s).total;
            ++other.otherSources;
        }
        v.series.resize(q.maxSeries);
        v.series.append(other);
    }
    return v;
}

} // namespace dnt::test
