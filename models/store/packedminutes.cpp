#include "packedminutes.h"

#include <sqlite3.h>

#include <algorithm>

namespace dnt::packed {

namespace {

void putVarint(std::string *out, uint64_t v)
{
    while (v >= 0x80) {
        out->push_back(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out->push_back(char(v));
}

struct PackState
{
    std::vector<Entry> entries;
    int fields = 0;
};

void packStep(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    auto **slot = static_cast<PackState **>(sqlite3_aggregate_context(ctx, sizeof(PackState *)));
    if (!slot)
        return sqlite3_result_error_nomem(ctx);
    if (!*slot) {
        *slot = new PackState;
        (*slot)->fields = argc == 3 ? 3 : 2;
    }
    const int64_t minute = sqlite3_value_int64(argv[0]);
    const int64_t client = argc == 3 ? sqlite3_value_int64(argv[1]) : 0;
    const int64_t n = sqlite3_value_int64(argv[argc - 1]);
    (*slot)->entries.push_back({minute, client, n});
}

void packFinal(sqlite3_context *ctx)
{
    auto **slot = static_cast<PackState **>(sqlite3_aggregate_context(ctx, 0));
    if (!slot || !*slot)
        return sqlite3_result_null(ctx);
    PackState *st = *slot;
    *slot = nullptr;
    std::vector<Entry> &e = st->entries;
    const int64_t day = e.empty() ? 0 : dayOf(e.front().minute);
    bool oneDay = true;
    for (Entry &x : e) {
        oneDay = oneDay && dayOf(x.minute) == day && x.client >= 0;
        x.minute -= day * kMinutesPerDay;
    }
    normalize(&e);
    const bool negative = std::any_of(e.cbegin(), e.cend(), [](const Entry &x) { return x.n < 0; });
    if (!oneDay || negative) {
        delete st;
        return sqlite3_result_error(ctx, "dnt_pack: the entries of a group must be one day's, with counts >= 0", -1);
    }
    std::string blob;
    encode(e.data(), e.data() + e.size(), st->fields, &blob);
    delete st;
    sqlite3_result_blob64(ctx, blob.data(), blob.size(), SQLITE_TRANSIENT);
}

void dayFunc(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    sqlite3_result_int64(ctx, dayOf(sqlite3_value_int64(argv[0])));
}

void mergeFunc(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    const int sign = sqlite3_value_int(argv[2]) < 0 ? -1 : 1;
    std::vector<Entry> a, b;
    int fa = 0, fb = 0;
    const bool aNull = sqlite3_value_type(argv[0]) == SQLITE_NULL;
    if ((!aNull && !decode(sqlite3_value_blob(argv[0]), sqlite3_value_bytes(argv[0]), &a, &fa))
        || !decode(sqlite3_value_blob(argv[1]), sqlite3_value_bytes(argv[1]), &b, &fb) || (!aNull && fa && fb && fa != fb))
        return sqlite3_result_error(ctx, "dnt_merge: a roll-up blob is damaged", -1);
    const int fields = fa ? fa : (fb ? fb : 3);
    std::vector<Entry> out;
    out.reserve(a.size() + b.size());
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && entryLess(a[i], b[j]))) {
            out.push_back(a[i++]);
        } else if (i == a.size() || entryLess(b[j], a[i])) {
            out.push_back({b[j].minute, b[j].client, sign * b[j].n});
            ++j;
        } else {
            out.push_back({a[i].minute, a[i].client, a[i].n + sign * b[j].n});
            ++i;
            ++j;
        }
        if (out.back().n < 0)
            return sqlite3_result_error(ctx, "dnt_merge: a roll-up count would go below zero", -1);
        if (out.back().n == 0)
            out.pop_back();
    }
    std::string blob;
    encode(out.data(), out.data() + out.size(), fields, &blob);
    sqlite3_result_blob64(ctx, blob.data(), blob.size(), SQLITE_TRANSIENT);
}

} // namespace

void encode(const Entry *begin, const Entry *end, int fields, std::string *out)
{
    const bool hours = size_t(end - begin) >= kHourHeaderMin;
    out->push_back(char(fields | (hours ? 0x80 : 0)));
    if (hours) {
        int64_t perHour[24] = {};
        for (const Entry *e = begin; e != end; ++e)
            perHour[std::clamp<int64_t>(e->minute / 60, 0, 23)] += e->n;
        for (int64_t n : perHour)
            putVarint(out, uint64_t(n));
    }
    int64_t previous = 0;
    for (const Entry *e = begin; e != end; ++e) {
        putVarint(out, uint64_t(e->minute - previous));
        previous = e->minute;
        if (fields == 3)
            putVarint(out, uint64_t(e->client));
        putVarint(out, uint64_t(e->n));
    }
}

void normalize(std::vector<Entry> *entries)
{
    std::vector<Entry> &e = *entries;
    std::sort(e.begin(), e.end(), entryLess);
    size_t out = 0;
    for (size_t i = 0; i < e.size(); ++i) {
        if (out && e[out - 1].minute == e[i].minute && e[out - 1].client == e[i].client)
            e[out - 1].n += e[i].n;
        else
            e[out++] = e[i];
    }
    e.resize(out);
    e.erase(std::remove_if(e.begin(), e.end(), [](const Entry &x) { return x.n == 0; }), e.end());
}

bool decode(const void *data, int size, std::vector<Entry> *out, int *fields)
{
    Reader r(data, size);
    Entry e;
    while (r.next(&e))
        out->push_back(e);
    if (fields)
        *fields = r.fields();
    return !r.damaged();
}

bool registerFunctions(sqlite3 *db)
{
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
    return sqlite3_create_function_v2(db, "dnt_day", 1, flags, nullptr, dayFunc, nullptr, nullptr, nullptr) == SQLITE_OK
           && sqlite3_create_function_v2(db, "dnt_pack", 2, flags, nullptr, nullptr, packStep, packFinal, nullptr) == SQLITE_OK
           && sqlite3_create_function_v2(db, "dnt_pack", 3, flags, nullptr, nullptr, packStep, packFinal, nullptr) == SQLITE_OK
           && sqlite3_create_function_v2(db, "dnt_merge", 3, flags, nullptr, mergeFunc, nullptr, nullptr, nullptr) == SQLITE_OK;
}

} // namespace dnt::packed
