// Runs the libFuzzer target tests/fuzz/fuzz_mastodonjson.cpp without libFuzzer: every recorded body, cut short
// at many places and with bytes flipped, goes through the mapping (which must not crash and must keep its
// promises, checked inside the target). The real fuzzing needs clang; this keeps the target honest in CI.
#include "mastodonreplay.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {
int feed(const QByteArray &bytes)
{
    return LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
}
} // namespace

class TestMastodonFuzzSeeds final : public QObject
{
    Q_OBJECT

private slots:
    void recordedBodiesMutated()
    {
        const QStringList files = QDir(MastodonReplay::dataDir()).entryList({ QStringLiteral("*.json") });
        QVERIFY(files.size() >= 5);
        int runs = 0;
        for (const QString &file : files) {
            QFile f(MastodonReplay::dataDir() + u'/' + file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonArray interactions = QJsonDocument::fromJson(f.readAll()).array();
            for (int i = 0; i < interactions.size(); ++i) {
                const QByteArray body = MastodonReplay::recordedBody(file, i);
                QCOMPARE(feed(body), 0);
                const int step = qMax<qsizetype>(1, body.size() / 40);
                for (qsizetype cut = 0; cut < body.size(); cut += step) {
                    feed(body.left(cut));
                    QByteArray flipped = body;
                    flipped[cut] = char(flipped.at(cut) ^ 0x20);
                    feed(flipped);
                    runs += 2;
                }
            }
        }
        QVERIFY(runs > 500);
    }
};

QTEST_GUILESS_MAIN(TestMastodonFuzzSeeds)
#include "tst_mastodonfuzzseeds.moc"
