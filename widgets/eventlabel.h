#pragma once

#include <QRect>
#include <QString>

namespace dnt {

// Where an event's label was drawn in the last rendering (widget replot or renderImage), in pixels of
// that rendering. Tests and hit-testing (tooltips, clicks) use it; the text is exactly what was drawn,
// as plain text.
struct EventLabel
{
    int eventIndex = -1; // index into the events given to setEvents
    QString text;        // drawn text (the title, elided if too long)
    QRect rect;          // the label's box
    int row = 0;         // 0 = top row
    int markerX = 0;     // pixel column of the marker line (span: its start, clipped to the plot)
};

} // namespace dnt
