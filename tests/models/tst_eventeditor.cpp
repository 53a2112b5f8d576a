#include "eventeditor.h"
#include "eventtablemodel.h"
#include "store.h"
#include "timeutil.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace dnt;

namespace {

Event ev(const char *start, const char *title, const char *end = nullptr)
{
    Event e;
    e.startUs = *parseIso8601(QString::fromLatin1(start));
    if (end)
        e.endUs = *parseIso8601(QString::fromLatin1(end));
    e.title = QString::fromUtf8(title);
    return e;
}

QVector<Event> onDisk(const QString &path)
{
    QString error;
    auto store = Store::open(path, Store::Mode::ReadOnly, &error);
    return store ? store->events() : QVector<Event>{};
}

} // namespace

class TstEventEditor : public QObject
{
    Q_OBJECT
private slots:
    void undoRedoEverything()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.dnstimeline");
        QString error;
        {
            auto store = Store::open(path, Store::Mode::Create, &error);
            QVector<Event> seed{ev("2016-06-07", "Primaries")};
            QVERIFY(store->addEvents(&seed, &error));
        }
        EventEditor editor;
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&editor, &EventEditor::eventsChanged, &model, &EventTableModel::setEvents);
        editor.setProjectPath(path);
        const QVector<Event> start = onDisk(path);
        QCOMPARE(start.size(), 1);
        QCOMPARE(model.rowCount(), 1);

        // add
        QVERIFY(editor.addEvent(ev("2016-09-21T10:00:00Z", "Newspaper contacts the bank")));
        // edit
        Event e = editor.events().at(1);
        Event edited = e;
        edited.note = QStringLiteral("first contact");
        QVERIFY(editor.editEvent(e, edited));
        // drag: one step that moves the start
        Event dragged = edited;
        dragged.startUs += 3600LL * 1000000;
        QVERIFY(editor.editEvent(edited, dragged, QStringLiteral("Move event")));
        // import: many events, one step
        QVERIFY(editor.addEvents({ev("2016-07-18", "RNC", "2016-07-22"), ev("2016-07-25", "DNC", "2016-07-29"),
                                  ev("2016-10-31", "Publication")},
                                 QStringLiteral("Import 3 events")));
        // delete
        QVERIFY(editor.removeEvents({start.first().id}));
        const QVector<Event> end = onDisk(path);
        QCOMPARE(end.size(), 4);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(editor.undoStack()->count(), 5);
        QCOMPARE(editor.undoStack()->undoText(), QStringLiteral("Delete event “Primaries”"));

        // Every step is on disk at once; undo all returns exactly to the start, redo all to the end.
        while (editor.undoStack()->canUndo())
            editor.undoStack()->undo();
        QCOMPARE(onDisk(path), start);
        QCOMPARE(model.events(), start);
        while (editor.undoStack()->canRedo())
            editor.undoStack()->redo();
        QCOMPARE(onDisk(path), end);
        QCOMPARE(model.rowCount(), 4);

        // Undo of the import removes its three events in one step.
        editor.undoStack()->undo(); // the delete
        editor.undoStack()->undo(); // the import
        QCOMPARE(onDisk(path).size(), 2);
        const int dragRow = model.rowOfId(dragged.id);
        QVERIFY(dragRow >= 0);
        QCOMPARE(model.eventAt(dragRow)->startUs, dragged.startUs);
        editor.undoStack()->undo(); // the drag
        QCOMPARE(onDisk(path).at(1).startUs, edited.startUs);
    }

    void failedWriteChangesNothing()
    {
        QTemporaryDir dir;
        EventEditor editor;
        QSignalSpy failed(&editor, &EventEditor::failed);
        editor.setProjectPath(dir.filePath("missing.dnstimeline"));
        QVERIFY(!editor.addEvent(ev("2016-01-01", "x")));
        QVERIFY(failed.count() >= 1);
        QCOMPARE(editor.undoStack()->count(), 0);
    }

    void modelShowsDisplayZone()
    {
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Event e = ev("2016-07-27T19:00:00Z", "<b>Press conference</b>");
        e.id = 7;
        e.note = QStringLiteral("<img src=x>");
        model.setEvents({e});
        QCOMPARE(model.data(model.index(0, EventTableModel::StartColumn)).toString(), QStringLiteral("2016-07-27 19:00"));
        QCOMPARE(model.data(model.index(0, EventTableModel::TitleColumn)).toString(), QStringLiteral("<b>Press conference</b>"));
        QVERIFY(model.data(model.index(0, 0), Qt::ToolTipRole).toString().contains("&lt;img src=x&gt;"));
        model.setDisplayZone(QTimeZone("America/New_York"));
        QCOMPARE(model.data(model.index(0, EventTableModel::StartColumn)).toString(), QStringLiteral("2016-07-27 15:00"));
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Start (America/New_York)"));
        QCOMPARE(model.data(model.index(0, 0), EventTableModel::EventIdRole).toLongLong(), 7);
    }
};

QTEST_GUILESS_MAIN(TstEventEditor)
#include "tst_eventeditor.moc"
