#include "interchange/contentline.h"

namespace ContentLine {

void append(QByteArray &out, const QByteArray &line)
{
    qsizetype pos = 0;
    int room = kMaxOctets; // a continuation line's leading space counts towards its 75 octets
    while (line.size() - pos > room) {
        qsizetype cut = pos + room;
        // Back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
        while (cut > pos && (static_cast<unsigned char>(line.at(cut)) & 0xC0) == 0x80)
            --cut;
        if (cut == pos) // not UTF-8 at all: cut where the octets end
            cut = pos + room;
        out.append(line.constData() + pos, cut - pos);
        out.append("\r\n ", 3);
        pos = cut;
        room = kMaxOctets - 1;
    }
    out.append(line.constData() + pos, line.size() - pos);
    out.append("\r\n", 2);
}

QByteArray folded(const QByteArray &line)
{
    QByteArray out;
    out.reserve(line.size() + line.size() / 70 * 3 + 2);
    append(out, line);
    return out;
}

} // namespace ContentLine
