#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <unistd.h>

// A small tmpfs: the only honest way to fill a disk or make a file system read-only in a test.
// Needs root (CI runs as root); elsewhere mounted() is false and the test says so and skips.
class TinyFileSystem
{
public:
    explicit TinyFileSystem(const QString &size)
    {
        if (geteuid() != 0)
            return;
        m_mounted = run(QStringLiteral("mount"),
            { QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=") + size,
                QStringLiteral("tmpfs"), m_dir.path() });
    }
    ~TinyFileSystem()
    {
        if (m_mounted)
            run(QStringLiteral("umount"), { QStringLiteral("-l"), m_dir.path() });
    }
    Q_DISABLE_COPY_MOVE(TinyFileSystem)

    bool mounted() const { return m_mounted; }
    QString root() const { return m_dir.path(); }
    QString path(const QString &name) const { return m_dir.path() + u'/' + name; }
    bool remount(const QString &options)
    {
        return run(QStringLiteral("mount"), { QStringLiteral("-o"), QStringLiteral("remount,") + options, m_dir.path() });
    }

private:
    static bool run(const QString &program, const QStringList &args)
    {
        QProcess p;
        p.start(program, args);
        return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    QTemporaryDir m_dir;
    bool m_mounted = false;
};
