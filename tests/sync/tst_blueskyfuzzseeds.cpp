// Runs the libFuzzer target tests/fuzz/fuzz_blueskyjson.cpp without libFuzzer: every seed in
// tests/fuzz/corpus/blueskyjson/, cut short at many places, with bytes flipped and with the parser byte
// changed, goes through the mapping (which must not crash and must keep the promises checked inside the
// target, which abort() otherwise). The real fuzzing needs clang (docs/SYNC.md); this keeps the target
// honest in CI.
#include <QDir>
#include <QFile>
#include <QTest>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {
int feed(const QByteArray &bytes)
{
    return LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
}
} // namespace

class TestBlueskyFuzzSeeds final : public QObject
{
    Q_OBJECT

private slots:
    void seedsMutated()
    {
        const QString dir = qEnvironmentVariable("RAPPORT_SOURCE_DIR") + QStringLiteral("/tests/fuzz/corpus/blueskyjson");
        const QStringList files = QDir(dir).entryList(QDir::Files);
        QVERIFY2(files.size() >= 5, qPrintable(dir));
        int runs = 0;
        for (const QString &file : files) {
            QFile f(dir + u'/' + file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray seed = f.readAll();
            QVERIFY(!seed.isEmpty());
            for (char parser = 0; parser < 4; ++parser) {
                QByteArray body = seed;
                body[0] = parser;
                QCOMPARE(feed(body), 0);
                const qsizetype step = qMax<qsizetype>(1, body.size() / 60);
                for (qsizetype cut = 1; cut < body.size(); cut += step) {
                    feed(body.left(cut));
                    QByteArray flipped = body;
                    flipped[cut] = char(flipped.at(cut) ^ 0x20);
                    feed(flipped);
                    runs += 2;
                }
            }
        }
        QVERIFY(runs > 1000);
    }
};

QTEST_GUILESS_MAIN(TestBlueskyFuzzSeeds)
#include "tst_blueskyfuzzseeds.moc"
