#pragma once
// Helpers shared by the end-to-end tests: running the real CLI, and dropping files on a window.

#include <QApplication>
#include <QByteArray>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTest>
#include <QWidget>

#include "store.h"

namespace dnt::test
{

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs `dnstimeline ARGS` (the built CLI), optionally with TZ set in its environment.
inline Run cli(const QStringList &args, const QByteArray &tzEnv = {})
{
    QProcess p;
    if (!tzEnv.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TZ"), QString::fromLatin1(tzEnv));
        p.setProcessEnvironment(env);
    }
    p.start(QStringLiteral(DNT_CLI_PATH), args);
    if (!p.waitForFinished(300000))
        qFatal("dnstimeline %s did not finish", qPrintable(args.join(' ')));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

// What a drag from a file manager delivers: a drag-enter the window accepts, then the drop.
inline void dropOn(QWidget *target, QMimeData *mime)
{
    const QPoint at(target->width() / 2, target->height() / 2);
    QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
}

// A project with `count` lookups of one name, one per minute from 1 May 2016.
inline QString makeProject(const QString &path, int count)
{
    QString error;
    auto store = Store::open(path, Store::Mode::Create, &error);
    if (!store)
        return {};
    if (count > 0) {
        auto import = store->beginFileImport(FileRecord{}, &error);
        for (int i = 0; i < count; ++i) {
            LookupRecord r;
            r.timeUs = (1462060800LL + i * 60) * 1000000LL;
            r.client = "10.0.0.1";
            r.server = "10.0.0.53";
            r.name = "a.example.com";
            r.qtype = 1;
            r.line = i + 1;
            if (!import->add(r, &error))
                return {};
        }
        FileRecord f;
        f.path = path + QStringLiteral(".log");
        f.sha256 = QString::number(count).repeated(8);
        f.format = QStringLiteral("zeek");
        f.compression = QStringLiteral("none");
        f.zone = QString();
        f.accepted = count;
        if (!import->commit(f, &error))
            return {};
    }
    return path;
}

} // namespace dnt::test
