#pragma once

#include <QRect>
#include <QString>
#include <QVector>

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
    // A numbered badge instead of a label: when the label rows are full, an event gets a small box
    // with a running number; its title shows on hover (hoverText). A badge that found no room of
    // its own takes in the next events too ("12+"), so that nothing overlaps whatever the crowd.
    bool badge = false;
    QVector<int> eventIndices; // every event the label or badge stands for (eventIndex first)
    QString hoverText;         // badge: "12. title" per event, one per line (plain text)
};

} // namespace dnt
