#pragma once

#include <QStringList>

#include <string_view>

namespace dnt
{

// Why no format fits the first bytes of a file, told as the nearest kinds of file it resembles and what
// each lacks ("looks like CSV with 13 columns but no header: use --columns with positions and
// --no-header (perhaps --columns time=1,client=4,name=9 --no-header)"). One sentence per kind; never
// empty. Pure; any thread.
QStringList explainUnrecognised(std::string_view head);

} // namespace dnt
