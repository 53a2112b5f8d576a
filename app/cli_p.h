#pragma once

// Inside the command-line front end only: helpers shared by cli.cpp and cliworkspace.cpp.

#include "store.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <memory>

namespace dnt {

struct ViewSpec;

namespace cli {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitInput = 2;

QTextStream &out();
QTextStream &err();
int usageError(const QString &message);
// SELECTION (--domain, --name, --client, --group) and --bucket, --tz, --from, --to, --split.
void addSelectionOptions(QCommandLineParser &p);
// Reads what addSelectionOptions added. Returns an error message or empty.
QString readQuery(const QCommandLineParser &p, VolumeQuery *q, bool *bucketGiven);
// Opens a project, printing why not (exit code 2) on failure.
std::unique_ptr<Store> openProject(const QString &path, Store::Mode mode, int *exitCode);
bool parse(QCommandLineParser &p, const QStringList &args, QString *error);

// The chart options of render and views save: addSelectionOptions plus --style, --values, --log, --title.
void addChartOptions(QCommandLineParser &p);
// A view from those options (a usage error message, or empty).
QString readViewSpec(const QCommandLineParser &p, ViewSpec *spec);
// True if any option of addChartOptions is set (render --view takes none of them).
bool anyChartOptionSet(const QCommandLineParser &p);
// The saved view NAME of the project as a spec; kExitOk, or kExitInput after printing why not.
int loadSavedView(const Store &store, const QString &project, const QString &name, ViewSpec *view);

int cmdGroups(const QStringList &args);
int cmdPairs(const QStringList &args);
int cmdViews(const QStringList &args);

} // namespace cli
} // namespace dnt
