// CachedTextDelegate draws what QStyledItemDelegate draws (pixel for pixel, in the cases it handles), lays
// each text out once however often it is painted, and leaves the cases it does not handle to the style.
#include "common/cachedtextdelegate.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

namespace {

QStandardItemModel *makeModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 3, parent);
    const QStringList texts = { QStringLiteral("Lois Lane"), QStringLiteral("The Daily Planet, Metropolis"),
        QStringLiteral("A very long title that cannot fit in the column and is elided at the end"), QString(),
        QStringLiteral("Tomás Ñúñez"), QStringLiteral("42") };
    for (int row = 0; row < 12; ++row) {
        QList<QStandardItem *> items;
        for (int column = 0; column < 3; ++column) {
            auto *item = new QStandardItem(texts.at((row + column) % texts.size()));
            if (column == 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter); // like the Health column
            items << item;
        }
        model->appendRow(items);
    }
    return model;
}

QImage render(QAbstractItemDelegate *delegate, QAbstractItemModel *model, int selectedRow)
{
    QTableView view;
    view.setItemDelegate(delegate);
    view.setModel(model);
    view.setAlternatingRowColors(true);
    view.setShowGrid(false);
    view.setWordWrap(false);
    view.resize(520, 360);
    view.horizontalHeader()->resizeSection(0, 120);
    view.horizontalHeader()->resizeSection(1, 160);
    view.horizontalHeader()->resizeSection(2, 150);
    view.selectRow(selectedRow);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return {};
    return view.viewport()->grab().toImage();
}

} // namespace

class TestCachedTextDelegate final : public QObject
{
    Q_OBJECT

private slots:
    void drawsWhatTheStyleDraws()
    {
        QStandardItemModel *model = makeModel(this);
        QStyledItemDelegate styled;
        CachedTextDelegate cached;
        const QImage expected = render(&styled, model, 3);
        const QImage actual = render(&cached, model, 3);
        QVERIFY(!expected.isNull());
        QCOMPARE(actual.size(), expected.size());
        QVERIFY(cached.cachedTexts() > 0);
        if (actual != expected) {
            expected.save(QDir::temp().filePath(QStringLiteral("cachedtext-expected.png")));
            actual.save(QDir::temp().filePath(QStringLiteral("cachedtext-actual.png")));
            int differing = 0;
            QPoint first(-1, -1);
            for (int y = 0; y < actual.height(); ++y)
                for (int x = 0; x < actual.width(); ++x)
                    if (actual.pixel(x, y) != expected.pixel(x, y) && differing++ == 0)
                        first = QPoint(x, y);
            QFAIL(qPrintable(QStringLiteral("the cached text differs from the style's in %1 pixels, first at %2,%3 "
                                            "(images saved in the temp folder)")
                                 .arg(differing)
                                 .arg(first.x())
                                 .arg(first.y())));
        }
    }

    // A second paint of the same cells lays nothing out again.
    void laysOutOnce()
    {
        QStandardItemModel *model = makeModel(this);
        CachedTextDelegate cached;
        QTableView view;
        view.setItemDelegate(&cached);
        view.setModel(model);
        view.setWordWrap(false); // as the contact list
        view.resize(520, 360);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.viewport()->repaint();
        const int after = cached.cachedTexts();
        QVERIFY(after > 0);
        view.viewport()->repaint();
        view.viewport()->repaint();
        QCOMPARE(cached.cachedTexts(), after);
        // A narrower column elides differently: a new entry for the new width.
        view.horizontalHeader()->resizeSection(0, 40);
        view.viewport()->repaint();
        QVERIFY(cached.cachedTexts() > after);
    }

    // Check boxes and multi-line text are the style's business.
    void leavesOtherCellsToTheStyle()
    {
        auto *model = new QStandardItemModel(2, 1, this);
        model->setItem(0, 0, new QStandardItem(QStringLiteral("two\nlines")));
        auto *check = new QStandardItem(QStringLiteral("checked"));
        check->setCheckable(true);
        check->setCheckState(Qt::Checked);
        model->setItem(1, 0, check);
        QStyledItemDelegate styled;
        CachedTextDelegate cached;
        QCOMPARE(render(&cached, model, -1), render(&styled, model, -1));
        QCOMPARE(cached.cachedTexts(), 0);
    }
};

QTEST_MAIN(TestCachedTextDelegate)
#include "tst_cachedtextdelegate.moc"
