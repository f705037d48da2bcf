#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// The vCard property model shared by the reader (VCardReader, import) and the writer (export): one card is a
// list of properties in file order. RFC 6350 (4.0), RFC 2426 (3.0) and the vCard 2.1 specification
// (versit, 1996) differ in syntax, not in this model:
//
//   item1.TEL;TYPE=cell,pref:+49 30 1234      group "item1", name "TEL", TYPE = {cell, pref}, value "+49 30 1234"
//   TEL;CELL;PREF:+49 30 1234                  (2.1) bare parameters are read as TYPE values: the same property
//   N:Müller;Anna;;Dr.;                        structured value: components() = {Müller, Anna, "", Dr., ""}
//
// Names of properties and parameters are upper case; parameter values are kept as written but compared
// without case. `value` is the text value as it is in the file after unfolding and after QUOTED-PRINTABLE and
// CHARSET decoding, still with the vCard escapes (`\,` `\;` `\n` `\\`), so that structured values can be split
// on unescaped separators; text() / components() / listValues() remove the escapes. Binary values (a PHOTO
// in ENCODING=b / BASE64, or a `data:` URI) are decoded into `data` with their media type in `mediaType`,
// and `value` is then empty.
//
// A writer builds a property with Property::text(name, text) or Property::structured(name, components) (which
// escape) and adds TYPE values with addType(); VCard::escape() is the escape a writer needs for anything else.
namespace VCard {

struct Parameter
{
    QString name; // upper case: TYPE, PREF, CHARSET, ENCODING, VALUE, LABEL, X-SERVICE-TYPE, ...
    QStringList values; // a comma-separated or repeated parameter gives several values
    bool operator==(const Parameter &) const = default;
};

struct Property
{
    QString group; // "item1" for "item1.EMAIL" (Apple's labels: item1.X-ABLabel)
    QString name; // upper case
    QList<Parameter> parameters;
    QString value; // escaped text (see above); empty for binary values
    QByteArray data; // decoded binary value (photos, sounds, keys)
    QString mediaType; // of `data`: "image/jpeg"; from TYPE=JPEG (2.1/3.0), MEDIATYPE or the data: URI
    int line = 0; // where the property starts in the file (1-based), for messages
    bool operator==(const Property &) const = default;

    // The values of one parameter (all occurrences), empty if absent.
    QStringList parameterValues(QStringView parameterName) const;
    bool hasParameter(QStringView parameterName) const;
    // TYPE values, lower case, without "pref" (e.g. {"cell", "voice"}); "internet" and "x400" are dropped too.
    QStringList types() const;
    // TYPE=pref (3.0, 4.0), bare PREF (2.1) or PREF=1 (4.0; any PREF value counts, 1 being the most preferred).
    bool isPreferred() const;
    int preference() const; // PREF=n (4.0), 1 for TYPE=pref / bare PREF, 100 when not preferred

    QString text() const; // the whole value unescaped
    QStringList components() const; // split at unescaped ';', each unescaped (N, ADR, ORG)
    QStringList listValues() const; // split at unescaped ',', each unescaped (CATEGORIES, NICKNAME)

    void addType(const QString &type);
    static Property fromText(const QString &name, const QString &text);
    static Property fromComponents(const QString &name, const QStringList &components);
};

struct Card
{
    QString version; // "2.1", "3.0" or "4.0" as written; empty when the card had no VERSION
    QList<Property> properties; // in file order, VERSION, BEGIN and END not included
    int firstLine = 0; // the BEGIN:VCARD line
    QStringList warnings; // what the reader left out (an oversized photo), in words naming the line
    bool operator==(const Card &) const = default;

    QList<Property> all(QStringView name) const;
    const Property *first(QStringView name) const; // nullptr when absent
    // The X-ABLabel (Apple, Google) of a property's group, empty without one.
    QString groupLabel(const Property &property) const;
};

// Backslash escapes for a text value: '\' ',' ';' and newlines (RFC 6350 3.4). `component` escapes for a
// structured component (the same characters); a writer joins components with ';'.
QString escape(const QString &text);
QString unescape(QStringView escaped);
// Splits at a separator that is not escaped; the parts stay escaped.
QStringList splitEscaped(QStringView value, QChar separator);

} // namespace VCard
