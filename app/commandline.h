#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

// The parsed command line: `rapport [--db PATH-or-URL] [--lang CODE] <command> [args] [--json]`.
// No command means the window. Parsing never exits; errors come back in `usageError` (exit status 2).
struct Invocation
{
    QString db;            // empty: the embedded default
    QString lang;          // empty: the system locale
    QString command;       // empty: the window
    QStringList arguments; // positional arguments after the command
    QMap<QString, QString> options; // --name value / --name (value "1"), command options
    bool json = false;
    bool help = false;
    bool version = false;
    QString usageError;

    bool hasOption(const QString &name) const { return options.contains(name); }
    QString option(const QString &name, const QString &fallback = QString()) const
    {
        return options.value(name, fallback);
    }

    static Invocation parse(const QStringList &args);
    static QStringList commands();
    static QString usage();
};
