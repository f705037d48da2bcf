#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

// An error a user can read. `code` lets callers branch without parsing text.
struct Error
{
    enum class Code {
        Generic,
        Validation,   // the input is wrong; message says which field and why
        NotFound,
        Conflict,     // someone else changed the row (version mismatch) or a unique key clash
        Unavailable,  // the database or server cannot be reached or opened
        Unsupported,  // e.g. a database from a newer version of Rapport
        Storage,      // the database refused the write (disk full, read-only, corrupt)
        Auth,         // a server refused the credentials: the user must sign in again
        Network,      // a server could not be reached, timed out or answered garbage (after retries)
        RateLimited,  // a server asked us to wait longer than we are willing to in this run
        Cancelled,    // the user cancelled, or the application is quitting
        Forbidden,    // the user's role does not allow it (team database: the server refused)
    };

    Error() = default;
    Error(QString message, Code code = Code::Generic, QString field = QString())
        : message(std::move(message)), code(code), field(std::move(field))
    {
    }

    QString message;
    Code code = Code::Generic;
    QString field; // for Validation: the field at fault

    static Error validation(const QString &field, const QString &message)
    {
        return Error{message, Code::Validation, field};
    }
};

// Either a value or an Error: an expected-style type, since std::expected is C++23.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<T>(m_data); }
    const T &value() const & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T &&operator*() && { return std::move(*this).value(); }

    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// Result for operations that return nothing but may fail.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;
