#pragma once

#include <QString>

#include <sqlite3.h>

#include <cstdint>
#include <string_view>

namespace dnt {

// A prepared statement that finalizes itself. Bind indexes are 1-based, column indexes 0-based.
class SqliteStmt
{
public:
    SqliteStmt() = default;
    SqliteStmt(sqlite3 *db, const char *sql) { prepare(db, sql); }
    ~SqliteStmt() { sqlite3_finalize(m_stmt); }
    SqliteStmt(const SqliteStmt &) = delete;
    SqliteStmt &operator=(const SqliteStmt &) = delete;

    bool prepare(sqlite3 *db, const char *sql)
    {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        m_db = db;
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) == SQLITE_OK;
    }
    bool ok() const { return m_stmt != nullptr; }
    sqlite3_stmt *get() const { return m_stmt; }

    SqliteStmt &bind(int i, int64_t v)
    {
        sqlite3_bind_int64(m_stmt, i, v);
        return *this;
    }
    SqliteStmt &bindNull(int i)
    {
        sqlite3_bind_null(m_stmt, i);
        return *this;
    }
    SqliteStmt &bind(int i, std::string_view v)
    {
        sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    // A blob the statement does not copy: it must outlive the step.
    SqliteStmt &bindBlob(int i, const void *data, size_t size)
    {
        sqlite3_bind_blob64(m_stmt, i, data, size, SQLITE_STATIC);
        return *this;
    }
    SqliteStmt &bind(int i, const QString &v)
    {
        const QByteArray u = v.toUtf8();
        sqlite3_bind_text(m_stmt, i, u.constData(), static_cast<int>(u.size()), SQLITE_TRANSIENT);
        return *this;
    }
    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_stmt); }
    bool exec()
    {
        const int rc = sqlite3_step(m_stmt);
        reset();
        return rc == SQLITE_DONE || rc == SQLITE_ROW;
    }
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    int64_t int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
    const void *blob(int col) const { return sqlite3_column_blob(m_stmt, col); }
    int bytes(int col) const { return sqlite3_column_bytes(m_stmt, col); }
    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    QString text(int col) const
    {
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col)),
                                 sqlite3_column_bytes(m_stmt, col));
    }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

// Runs SQL without results; false with *error set on failure.
inline bool sqliteExec(sqlite3 *db, const char *sql, QString *error = nullptr)
{
    char *msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK)
        return true;
    if (error)
        *error = QString::fromUtf8(msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return false;
}

} // namespace dnt
