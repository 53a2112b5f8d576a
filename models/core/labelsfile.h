#pragma once

#include <QByteArray>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>

namespace dnt {

// A hosts-style labels file: one "ADDRESS LABEL…" per line (the label is the rest of the line, its
// whitespace collapsed), '#' starts a comment, blank lines are skipped. An address given twice keeps its
// last label. Policy: a file with any bad line is used not at all (the caller stores nothing), and every
// bad line is reported.
struct LabelsFileResult
{
    struct Problem
    {
        int64_t line = 0;
        QString reason;
    };
    QVector<QPair<QString, QString>> labels; // canonical address, label; in file order
    QVector<Problem> problems;
    QString error; // the file itself could not be read

    bool ok() const { return error.isEmpty() && problems.isEmpty(); }
    // "FILE:LINE: reason" for each problem, or "FILE: error".
    QStringList messages(const QString &file) const;
};

LabelsFileResult parseLabels(const QByteArray &data);
LabelsFileResult readLabelsFile(const QString &path);

} // namespace dnt
