#pragma once

#include <QStringList>

namespace dnt {

// The command-line front end: `dnstimeline import|stats|render|events …`.
// Returns the process exit status: 0 success, 1 usage error, 2 an input could not be used.
bool isCliCommand(const QString &word);
int runCli(const QStringList &arguments);
QString cliUsage();

} // namespace dnt
