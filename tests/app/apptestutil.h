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

} // namespace dnt::test
