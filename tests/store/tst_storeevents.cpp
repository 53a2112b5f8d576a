#include "store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace dnt;

class TstStoreEvents : public QObject
{
    Q_OBJECT
private slots:
    void changeEventsIsAllOrNothing()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::Create, &error);
        QVERIFY2(store, qPrintable(error));
        QVector<Event> add(2);
        add[0].startUs = 1000;
        add[0].title = QStringLiteral("first");
        add[1].startUs = 2000;
        add[1].endUs = 3000;
        add[1].title = QStringLiteral("span");
        add[1].category = QStringLiteral("News");
        QVERIFY2(store->changeEvents(&add, {}, {}, &error), qPrintable(error));
        QVERIFY(add[0].id > 0 && add[1].id > add[0].id);
        QCOMPARE(store->events(), add);

        // Update one, remove the other, in one step.
        Event edited = add[0];
        edited.title = QStringLiteral("renamed");
        edited.endUs = 1500;
        QVERIFY(store->changeEvents(nullptr, {edited}, {add[1].id}, &error));
        QCOMPARE(store->events(), QVector<Event>{edited});

        // Undoing the removal brings the event back with its old id.
        QVector<Event> back{add[1]};
        QVERIFY(store->changeEvents(&back, {}, {}, &error));
        QCOMPARE(back[0].id, add[1].id);
        QCOMPARE(store->events().size(), 2);

        // A removal of a missing id fails and takes the whole change back.
        QVector<Event> more(1);
        more[0].startUs = 5;
        more[0].title = QStringLiteral("never stored");
        QVERIFY(!store->changeEvents(&more, {}, {987654}, &error));
        QVERIFY(error.contains("987654"));
        QCOMPARE(store->events().size(), 2);
        // Reinserting an id that exists fails too.
        QVector<Event> dup{add[1]};
        QVERIFY(!store->changeEvents(&dup, {}, {}, &error));
        QCOMPARE(store->events().size(), 2);

        // Survives reopening.
        store.reset();
        store = Store::open(dir.filePath("p.dnstimeline"), Store::Mode::ReadOnly, &error);
        QCOMPARE(store->events().at(0).title, QStringLiteral("renamed"));
        QVERIFY(!store->changeEvents(nullptr, {}, {add[0].id}, &error)); // read-only
    }
};

QTEST_GUILESS_MAIN(TstStoreEvents)
#include "tst_storeevents.moc"
