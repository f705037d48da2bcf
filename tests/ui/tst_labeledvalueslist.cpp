// Issue 10: email and phone labels ("work", "mobile") were shown untranslated, and a label picked in German
// was stored in German. Shown in the user's language, stored in English; a label typed by hand is kept.
#include "contacts/labeledvalueslist.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

namespace {

// German for the label words only, as the real catalogue gives them.
class LabelTranslator final : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (qstrcmp(context, "LabeledValuesList") != 0)
            return {};
        static const QHash<QByteArray, QString> german = {
            { "work", QStringLiteral("Arbeit") },
            { "personal", QStringLiteral("Privat") },
            { "mobile", QStringLiteral("Mobil") },
            { "home", QStringLiteral("Zuhause") },
            { "other", QStringLiteral("Sonstiges") },
        };
        if (m_same && qstrcmp(source, "home") == 0)
            return QStringLiteral("Privat");
        return german.value(QByteArray(source));
    }
    bool isEmpty() const override { return false; }
    void setSame(bool same) { m_same = same; }

private:
    bool m_same = false;
};

} // namespace

class TestLabeledValuesList final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shownTranslatedStoredInEnglish()
    {
        LabelTranslator german;
        QVERIFY(QCoreApplication::installTranslator(&german));
        LabeledValuesList list(QStringLiteral("phone number"),
            { QStringLiteral("work"), QStringLiteral("mobile"), QStringLiteral("home"), QStringLiteral("other") },
            QString());
        list.setRows({ { QStringLiteral("work"), QStringLiteral("+49 30 1") },
            { QStringLiteral("mobile"), QStringLiteral("+49 170 2") },
            { QStringLiteral("Press desk"), QStringLiteral("+49 30 3") } });
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        const QList<QComboBox *> combos = list.findChildren<QComboBox *>(QStringLiteral("labelComboBox"));
        QCOMPARE(combos.size(), 3);
        QCOMPARE(combos.at(0)->currentText(), QStringLiteral("Arbeit"));
        QCOMPARE(combos.at(1)->currentText(), QStringLiteral("Mobil"));
        QCOMPARE(combos.at(2)->currentText(), QStringLiteral("Press desk"));
        QStringList offered;
        for (int i = 0; i < combos.at(0)->count(); ++i)
            offered << combos.at(0)->itemText(i);
        QCOMPARE(offered,
            (QStringList { QStringLiteral("Arbeit"), QStringLiteral("Mobil"), QStringLiteral("Zuhause"),
                QStringLiteral("Sonstiges") }));
        QCOMPARE(list.rows().at(0).first, QStringLiteral("work"));
        QCOMPARE(list.rows().at(1).first, QStringLiteral("mobile"));
        QCOMPARE(list.rows().at(2).first, QStringLiteral("Press desk"));

        // Picked with the keyboard: Zuhause is stored as "home"; typed "mobil" is "mobile"; a new word stays.
        combos.at(0)->setFocus();
        combos.at(0)->lineEdit()->selectAll();
        QTest::keyClick(combos.at(0), Qt::Key_Down);
        QTest::keyClick(combos.at(0), Qt::Key_Down);
        QCOMPARE(combos.at(0)->currentText(), QStringLiteral("Zuhause"));
        QCOMPARE(list.rows().at(0).first, QStringLiteral("home"));
        combos.at(2)->lineEdit()->selectAll();
        QTest::keyClicks(combos.at(2)->lineEdit(), QStringLiteral("mobil"));
        QCOMPARE(list.rows().at(2).first, QStringLiteral("mobile"));
        combos.at(2)->lineEdit()->selectAll();
        QTest::keyClicks(combos.at(2)->lineEdit(), QStringLiteral("Redaktion"));
        QCOMPARE(list.rows().at(2).first, QStringLiteral("Redaktion"));

        // A new row starts with the first label, shown translated.
        QTest::mouseClick(list.addButton(), Qt::LeftButton);
        QCOMPARE(list.rowCount(), 4);
        QCOMPARE(list.findChildren<QComboBox *>(QStringLiteral("labelComboBox")).at(3)->currentText(),
            QStringLiteral("Arbeit"));
        QCoreApplication::removeTranslator(&german);
    }

    // The German catalogue says "privat" for both an email's "personal" and a phone's "home": each list
    // stores its own word.
    void sameWordForTwoLabels()
    {
        LabelTranslator german;
        german.setSame(true);
        QVERIFY(QCoreApplication::installTranslator(&german));
        LabeledValuesList emails(QStringLiteral("email address"),
            { QStringLiteral("work"), QStringLiteral("personal"), QStringLiteral("other") }, QString());
        LabeledValuesList phones(QStringLiteral("phone number"),
            { QStringLiteral("work"), QStringLiteral("mobile"), QStringLiteral("home"), QStringLiteral("other") },
            QString());
        emails.setRows({ { QStringLiteral("personal"), QStringLiteral("a@b.example") } });
        phones.setRows({ { QStringLiteral("home"), QStringLiteral("+49 30 1") } });
        QCOMPARE(
            emails.findChild<QComboBox *>(QStringLiteral("labelComboBox"))->currentText(), QStringLiteral("Privat"));
        QCOMPARE(
            phones.findChild<QComboBox *>(QStringLiteral("labelComboBox"))->currentText(), QStringLiteral("Privat"));
        QCOMPARE(emails.rows().at(0).first, QStringLiteral("personal"));
        QCOMPARE(phones.rows().at(0).first, QStringLiteral("home"));
        QCoreApplication::removeTranslator(&german);
    }
};

QTEST_MAIN(TestLabeledValuesList)
#include "tst_labeledvalueslist.moc"
