#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

namespace dnt {

// Inserts rows of integers through one prepared multi-row statement ("VALUES (?,?),(?,?),…"), so that
// SQLite runs its per-statement work (step, reset, VDBE set-up) once per kRows rows instead of once per
// row: measured about half the CPU per row of a single-row INSERT for the narrow rows of a project.
// The last, partial group goes through a single-row statement. Used on one thread at a time.
class BulkInsert
{
public:
    static constexpr int kRows = 64;

    BulkInsert() = default;
    ~BulkInsert()
    {
        sqlite3_finalize(m_many);
        sqlite3_finalize(m_one);
    }
    BulkInsert(const BulkInsert &) = delete;
    BulkInsert &operator=(const BulkInsert &) = delete;

    // head: "INSERT INTO t(a, b)", tail: "" or an ON CONFLICT clause; columns: values per row.
    bool prepare(sqlite3 *db, const char *head, int columns, const char *tail)
    {
        m_db = db;
        m_columns = columns;
        std::string row = "(";
        for (int c = 0; c < columns; ++c)
            row += c ? ",?" : "?";
        row += ")";
        std::string many = std::string(head) + " VALUES " + row;
        for (int r = 1; r < kRows; ++r)
            many += "," + row;
        many += " ";
        many += tail;
        const std::string one = std::string(head) + " VALUES " + row + " " + tail;
        m_values.reserve(static_cast<size_t>(kRows * columns));
        return sqlite3_prepare_v3(db, many.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &m_many, nullptr) == SQLITE_OK
               && sqlite3_prepare_v3(db, one.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &m_one, nullptr) == SQLITE_OK;
    }

    // Appends one row (columns values); writes a group when kRows rows are pending.
    bool add(const int64_t *row)
    {
        m_values.insert(m_values.end(), row, row + m_columns);
        if (m_values.size() < static_cast<size_t>(kRows * m_columns))
            return true;
        return run(m_many, m_values.data(), kRows);
    }

    // Writes the pending rows.
    bool flush()
    {
        for (size_t i = 0; i < m_values.size(); i += static_cast<size_t>(m_columns))
            if (!run(m_one, m_values.data() + i, 1))
                return false;
        m_values.clear();
        return true;
    }

    // Rows written so far, and the rowid of the last row written (for rowid tables).
    int64_t written() const { return m_written; }
    int64_t lastRowid() const { return m_lastRowid; }

private:
    bool run(sqlite3_stmt *s, const int64_t *v, int rows)
    {
        const int n = rows * m_columns;
        for (int i = 0; i < n; ++i)
            sqlite3_bind_int64(s, i + 1, v[i]);
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return false;
        m_written += rows;
        m_lastRowid = sqlite3_last_insert_rowid(m_db);
        if (s == m_many)
            m_values.clear();
        return true;
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_many = nullptr;
    sqlite3_stmt *m_one = nullptr;
    int m_columns = 0;
    std::vector<int64_t> m_values;
    int64_t m_written = 0;
    int64_t m_lastRowid = 0;
};

} // namespace dnt
