#include "interchange/exportfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cstdio>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ExportFile)
};

QString nameOf(const QIODevice &device)
{
    if (const auto *file = qobject_cast<const QFileDevice *>(&device); file && !file->fileName().isEmpty())
        return QFileInfo(file->fileName()).fileName();
    return Tr::tr("the standard output");
}

} // namespace

namespace ExportFile {

Error writeError(QIODevice &device)
{
    return Error(Tr::tr("Could not write %1: %2").arg(nameOf(device), device.errorString()), Error::Code::Storage);
}

Status put(QIODevice &device, const QByteArray &bytes)
{
    // A short write (the disk filled up in the middle) is tried again, so the failing call says why.
    qsizetype done = 0;
    while (done < bytes.size()) {
        const qint64 n = device.write(bytes.constData() + done, bytes.size() - done);
        if (n <= 0)
            return writeError(device);
        done += qsizetype(n);
    }
    return {};
}

Status write(const QString &path, const std::function<Status(QIODevice &)> &body)
{
    if (path.isEmpty() || path == u"-") {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return Error(Tr::tr("Could not write to the standard output: %1").arg(out.errorString()),
                Error::Code::Storage);
        if (Status s = body(out); !s)
            return s;
        if (!out.flush())
            return writeError(out);
        return {};
    }
    QSaveFile file(path);
    // Unbuffered: the writers gather their own blocks, and a failed write then says why ("No space left on
    // device") instead of failing later inside Qt's buffer with an unknown error.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return Error(Tr::tr("Could not write %1: %2").arg(QFileInfo(path).fileName(), file.errorString()),
            Error::Code::Storage);
    if (Status s = body(file); !s) {
        file.cancelWriting();
        return s;
    }
    if (!file.commit())
        return Error(Tr::tr("Could not write %1: %2").arg(QFileInfo(path).fileName(), file.errorString()),
            Error::Code::Storage);
    return {};
}

} // namespace ExportFile
