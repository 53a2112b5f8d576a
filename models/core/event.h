#pragma once

#include <QString>
#include <QVector>

#include <cstdint>
#include <optional>

namespace dnt {

// An annotation on the timeline: a point (no end) or a span [start, end).
struct Event
{
    int64_t id = 0;                 // store id; 0 = not stored yet
    int64_t startUs = 0;            // UTC
    std::optional<int64_t> endUs;   // UTC, exclusive; nullopt = point event
    QString title;
    QString category;
    QString note;
    QString url;

    bool isSpan() const { return endUs.has_value(); }
    bool operator==(const Event &other) const = default;
};

} // namespace dnt
