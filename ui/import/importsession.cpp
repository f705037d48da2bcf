#include "importsession.h"

#include <QJsonDocument>

ImportFile::Options ImportSession::fullReadOptions() const
{
    ImportFile::Options o = options;
    o.maxRecords = 0;
    o.requireName = false;
    o.format = firstLook.format;
    if (firstLook.format == ImportFile::Format::Csv)
        o.mapping = mapping;
    return o;
}

QString ImportSession::readKey() const
{
    const ImportFile::Options o = fullReadOptions();
    return path + u'\x1f' + ImportFile::formatKey(firstLook.format) + u'\x1f'
        + (o.encoding ? TextEncodings::key(*o.encoding) : QString()) + u'\x1f' + o.delimiter + u'\x1f'
        + QString::number(o.headerRow) + u'\x1f'
        + QString::fromUtf8(QJsonDocument(mapping.toJson()).toJson(QJsonDocument::Compact));
}
