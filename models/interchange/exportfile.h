#pragma once

#include "core/result.h"

#include <QString>

#include <functional>

class QIODevice;

// Writes an export all or nothing: through a QSaveFile, so a disk that fills, a folder that is read-only or a
// failed export leaves no half file (and an earlier file of that name as it was); "-" or an empty path writes
// to standard output. `body` writes into the device and says whether it went well; the message of a failed
// write names the file and the reason ("Could not write people.vcf: No space left on device").
namespace ExportFile {

Status write(const QString &path, const std::function<Status(QIODevice &)> &body);
// A write into `device` that failed, in words naming it.
Error writeError(QIODevice &device);
// Writes all of `bytes` or says why not.
Status put(QIODevice &device, const QByteArray &bytes);

} // namespace ExportFile
