// PitchScore and Topics: the who-to-pitch formula on crafted signals, without a database (docs/PITCHING.md).
#include "domain/pitchscore.h"
#include "domain/topics.h"
#include "plurals.h"

#include <QTest>

namespace {

const QDateTime kNow(QDate(2026, 12, 7), QTime(12, 0), Qt::UTC);

QDateTime daysAgo(int days)
{
    return kNow.addDays(-days);
}

// A beat match with an average record: the base most cases below change one thing of.
PitchSignals beatMatch()
{
    PitchSignals in;
    in.beats = { QStringLiteral("consumer tech") };
    in.healthScore = 50;
    return in;
}

QStringList texts(const PitchScore &p)
{
    QStringList out;
    for (const PitchScore::Reason &r : p.reasons)
        out << r.text;
    return out;
}

} // namespace

class TestPitchScore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(Plurals::installEnglish());
    }

    void weightsAddUpToHundred()
    {
        QCOMPARE(PitchScore::kTopicWeight + PitchScore::kWritingWeight + PitchScore::kHealthWeight
                + PitchScore::kResponseWeight + PitchScore::kCoverageWeight + PitchScore::kClientWeight
                + PitchScore::kChannelWeight,
            100.0);
    }

    // The example of docs/PITCHING.md, reason by reason.
    void documentedExample()
    {
        PitchSignals in;
        in.beats = { QStringLiteral("consumer tech") };
        in.matchingPosts = 1;
        in.latestMatchingPost = daysAgo(21);
        in.latestPostTopic = QStringLiteral("smart homes");
        in.healthScore = 82;
        in.pitchesSent = 6;
        in.pitchesAnswered = 4;
        in.pitchesCovered = 2;
        in.preferredChannel = QStringLiteral("email");
        const PitchScore p = PitchScore::compute(in, kNow);
        QCOMPARE(p.score, 69);
        QCOMPARE(texts(p),
            QStringList({ QStringLiteral("covers consumer tech"), QStringLiteral("wrote about smart homes 3 weeks ago"),
                QStringLiteral("replied to 4 of 6 pitches"), QStringLiteral("covered 2 of 6 pitches"),
                QStringLiteral("relationship strong (82)"), QStringLiteral("prefers email") }));
        QCOMPARE(p.reasonText().left(43), QStringLiteral("covers consumer tech; wrote about smart hom"));
        int sum = 0;
        for (const PitchScore::Reason &r : p.reasons)
            sum += r.points;
        QVERIFY2(qAbs(sum - p.score) <= 2, "the reasons' points add up to the score, give or take rounding");
    }

    // The other examples of docs/PITCHING.md.
    void documentedFigures()
    {
        PitchSignals in = beatMatch();
        QCOMPARE(PitchScore::compute(in, kNow).score, 43);
        in.recentPitches = 1;
        in.lastPitchedAt = daysAgo(5);
        QCOMPARE(PitchScore::compute(in, kNow).score, 28);
        in.clientName = QStringLiteral("Lumora Home");
        in.clientDeclinedAt = daysAgo(60);
        QCOMPARE(PitchScore::compute(in, kNow).score, 13);
        PitchSignals tag = beatMatch();
        tag.beats.clear();
        tag.tags = { QStringLiteral("smart home") };
        QCOMPARE(PitchScore::compute(tag, kNow).score, 31);
    }

    void beatAboveTagAboveNothing()
    {
        PitchSignals tag = beatMatch();
        tag.beats.clear();
        tag.tags = { QStringLiteral("smart home") };
        PitchSignals none = beatMatch();
        none.beats.clear();
        QVERIFY(PitchScore::isRelevant(beatMatch()));
        QVERIFY(PitchScore::isRelevant(tag));
        QVERIFY(!PitchScore::isRelevant(none));
        QVERIFY(PitchScore::compute(beatMatch(), kNow).score > PitchScore::compute(tag, kNow).score);
        QVERIFY(PitchScore::compute(tag, kNow).score > PitchScore::compute(none, kNow).score);
        QCOMPARE(texts(PitchScore::compute(tag, kNow)).constFirst(), QStringLiteral("tagged smart home"));
    }

    void recentWritingCountsAndFades()
    {
        PitchSignals fresh = beatMatch();
        fresh.matchingPosts = 1;
        fresh.latestMatchingPost = daysAgo(2);
        fresh.latestPostTopic = QStringLiteral("thermostats");
        PitchSignals old = fresh;
        old.latestMatchingPost = daysAgo(80);
        PitchSignals many = fresh;
        many.matchingPosts = 3;
        const int base = PitchScore::compute(beatMatch(), kNow).score;
        QVERIFY(PitchScore::compute(old, kNow).score > base);
        QVERIFY(PitchScore::compute(fresh, kNow).score > PitchScore::compute(old, kNow).score);
        QVERIFY(PitchScore::compute(many, kNow).score > PitchScore::compute(fresh, kNow).score);
        QVERIFY(texts(PitchScore::compute(fresh, kNow)).contains(QStringLiteral("wrote about thermostats 2 days ago")));
        QVERIFY(texts(PitchScore::compute(many, kNow))
                    .contains(QStringLiteral("wrote about thermostats 2 days ago (3 matching posts in 90 days)")));
    }

    void fatigueLowersAndSaysSo()
    {
        PitchSignals pitched = beatMatch();
        pitched.recentPitches = 1;
        pitched.lastPitchedAt = daysAgo(5);
        const PitchScore p = PitchScore::compute(pitched, kNow);
        QCOMPARE(p.fatigue, PitchScore::kFatiguePoints);
        QCOMPARE(PitchScore::compute(beatMatch(), kNow).score - p.score, PitchScore::kFatiguePoints);
        QVERIFY(texts(p).contains(QStringLiteral("pitched 5 days ago")));
        QCOMPARE(
            p.reasons.at(texts(p).indexOf(QStringLiteral("pitched 5 days ago"))).kind, PitchScore::Reason::Kind::Minus);

        pitched.recentPitches = 4; // capped
        QCOMPARE(PitchScore::compute(pitched, kNow).fatigue, PitchScore::kMaxFatiguePoints);
        QVERIFY(texts(PitchScore::compute(pitched, kNow))
                    .contains(QStringLiteral("pitched 4 times in the last 14 days, last 5 days ago")));

        PitchSignals declined = beatMatch();
        declined.clientName = QStringLiteral("Lumora Home");
        declined.clientDeclinedAt = daysAgo(60);
        QCOMPARE(PitchScore::compute(declined, kNow).fatigue, PitchScore::kDeclinePoints);
        QVERIFY(texts(PitchScore::compute(declined, kNow))
                    .contains(QStringLiteral("declined a Lumora Home pitch 2 months ago")));
        declined.clientDeclinedAt = daysAgo(PitchScore::kDeclineDays + 1);
        QCOMPARE(PitchScore::compute(declined, kNow).fatigue, 0);
    }

    void responseIsNeutralWithoutHistory()
    {
        PitchSignals never = beatMatch();
        QCOMPARE(PitchScore::compute(never, kNow).response, 0.5);
        QVERIFY(texts(PitchScore::compute(never, kNow)).contains(QStringLiteral("not pitched before")));
        PitchSignals answers = beatMatch();
        answers.pitchesSent = 6;
        answers.pitchesAnswered = 6;
        PitchSignals ignores = answers;
        ignores.pitchesAnswered = 0;
        QVERIFY(PitchScore::compute(answers, kNow).score > PitchScore::compute(never, kNow).score);
        QVERIFY(PitchScore::compute(never, kNow).score > PitchScore::compute(ignores, kNow).score);
    }

    void clientCoverageAndConsent()
    {
        PitchSignals in;
        in.clientCoverage = 2;
        in.clientName = QStringLiteral("Lumora Home");
        in.hasConsent = false;
        QVERIFY(PitchScore::isRelevant(in));
        const PitchScore p = PitchScore::compute(in, kNow);
        QVERIFY(texts(p).contains(QStringLiteral("covered Lumora Home 2 times before")));
        QCOMPARE(p.reasons.constLast().text, QStringLiteral("no recorded consent"));
        QCOMPARE(p.reasons.constLast().kind, PitchScore::Reason::Kind::Note);
    }

    void ago_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<QString>("text");
        QTest::newRow("today") << 0 << QStringLiteral("today");
        QTest::newRow("yesterday") << 1 << QStringLiteral("yesterday");
        QTest::newRow("days") << 13 << QStringLiteral("13 days ago");
        QTest::newRow("weeks") << 14 << QStringLiteral("2 weeks ago");
        QTest::newRow("six weeks") << 44 << QStringLiteral("6 weeks ago");
        QTest::newRow("months") << 61 << QStringLiteral("2 months ago");
        QTest::newRow("years") << 800 << QStringLiteral("2 years ago");
    }
    void ago()
    {
        QFETCH(int, days);
        QFETCH(QString, text);
        QCOMPARE(PitchScore::ago(daysAgo(days), kNow), text);
    }

    void topicsMatchWords_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("topic");
        QTest::addColumn<bool>("matches");
        QTest::newRow("same") << QStringLiteral("consumer tech") << QStringLiteral("Consumer Tech") << true;
        QTest::newRow("part of the beat") << QStringLiteral("consumer tech") << QStringLiteral("tech") << true;
        QTest::newRow("beat within the topic") << QStringLiteral("AI") << QStringLiteral("AI in schools") << true;
        QTest::newRow("plural") << QStringLiteral("smart home") << QStringLiteral("smart homes") << true;
        QTest::newRow("ampersand") << QStringLiteral("home & design") << QStringLiteral("home design") << true;
        QTest::newRow("diacritics") << QStringLiteral("Économie") << QStringLiteral("economie") << true;
        QTest::newRow("not in a row") << QStringLiteral("home & design") << QStringLiteral("smart home") << false;
        QTest::newRow("other word") << QStringLiteral("retail") << QStringLiteral("real estate") << false;
        QTest::newRow("short word is whole") << QStringLiteral("aid") << QStringLiteral("ai") << false;
    }
    void topicsMatchWords()
    {
        QFETCH(QString, label);
        QFETCH(QString, topic);
        QFETCH(bool, matches);
        QCOMPARE(Topics::matches(label, topic), matches);
    }

    void topicsParseAndMention()
    {
        QCOMPARE(Topics::parse(QStringLiteral("  smart homes \n\nSmart home\nthermostat\n  \nAI")),
            QStringList({ QStringLiteral("smart homes"), QStringLiteral("thermostat"), QStringLiteral("AI") }));
        QVERIFY(Topics::mentions(QStringLiteral("Why smart-home thermostats sell"), QStringLiteral("smart homes")));
        QVERIFY(Topics::mentions(QStringLiteral("New AI rules"), QStringLiteral("ai")));
        QVERIFY(!Topics::mentions(QStringLiteral("First aid kits"), QStringLiteral("ai")));
        QVERIFY(!Topics::mentions(QStringLiteral("a smart way home"), QStringLiteral("smart home")));
        QCOMPARE(Topics::terms(QStringLiteral("Smart Homes")).constLast().word, QStringLiteral("home"));
        QVERIFY(Topics::terms(QStringLiteral("Smart Homes")).constLast().prefix);
        QVERIFY(!Topics::terms(QStringLiteral("AI")).constFirst().prefix);
    }
};

QTEST_GUILESS_MAIN(TestPitchScore)
#include "tst_pitchscore.moc"
