#include "categoriesdialog.h"
#include "eventdialog.h"
#include "eventeditor.h"
#include "eventimportdialog.h"
#include "eventinfo.h"
#include "eventspanel.h"
#include "eventtablemodel.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QTableWidget>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <qcustomplot.h>

using namespace dnt;

class TstEventsWidgets : public QObject
{
    Q_OBJECT
private slots:
    void dialogWholeDaysAndValidation()
    {
        const QTimeZone ny("America/New_York");
        EventDialog dialog(Event{}, ny, {QStringLiteral("News")});
        dialog.startEdit()->setText(QStringLiteral("2016-07-18"));
        dialog.titleEdit()->setText(QStringLiteral("Convention"));
        QCOMPARE(dialog.validate(), QString());
        // A date alone is that whole day in the display zone.
        QCOMPARE(dialog.event().startUs, *parseIso8601(QStringLiteral("2016-07-18T04:00:00Z")));
        QCOMPARE(*dialog.event().endUs, *parseIso8601(QStringLiteral("2016-07-19T04:00:00Z")));
        // An end date runs to the end of that day: 18–21 July.
        dialog.endEdit()->setText(QStringLiteral("2016-07-21"));
        QCOMPARE(dialog.validate(), QString());
        QCOMPARE(*dialog.event().endUs, *parseIso8601(QStringLiteral("2016-07-22T04:00:00Z")));
        dialog.endEdit()->setText(QStringLiteral("2016-07-17"));
        QVERIFY(dialog.validate().contains("after"));
        dialog.endEdit()->clear();
        dialog.startEdit()->setText(QStringLiteral("2016-07-27 15:00"));
        QCOMPARE(dialog.validate(), QString());
        QCOMPARE(dialog.event().startUs, *parseIso8601(QStringLiteral("2016-07-27T19:00:00Z")));
        QVERIFY(!dialog.event().endUs);
        dialog.startEdit()->setText(QStringLiteral("27 July"));
        QVERIFY(dialog.validate().startsWith("Start"));
        dialog.startEdit()->setText(QStringLiteral("2016-07-27"));
        dialog.titleEdit()->clear();
        QVERIFY(dialog.validate().contains("title"));
    }

    void importPreview()
    {
        EventFileResult parsed = readEventCsv("start,end,title,category,note,url\n"
                                              "2016-06-07,,Primaries,,,\n"
                                              "2016-09-21,,Newspaper,,,\n"
                                              "bad,,Broken,,,\n");
        Event existing = parsed.events.first();
        EventImportDialog dialog(QStringLiteral("e.csv"), parsed, {existing});
        QCOMPARE(dialog.duplicates(), 1);
        QCOMPARE(dialog.badRows(), 1);
        QCOMPARE(dialog.eventsToImport().size(), 1);
        QCOMPARE(dialog.eventsToImport().first().title, QStringLiteral("Newspaper"));
        QVERIFY(!dialog.canImport()); // a bad row: nothing unless the user chooses the good ones
        dialog.onlyGoodRows()->setChecked(true);
        QVERIFY(dialog.canImport());

        EventImportDialog clean(QStringLiteral("e.csv"), readEventCsv("start,title\n2016-01-01,A\n2016-01-01,A\n"), {});
        QCOMPARE(clean.eventsToImport().size(), 1); // duplicates inside the file are dropped too
        QCOMPARE(clean.duplicates(), 1);
        QVERIFY(clean.canImport());
    }

    void linksAndPlainText()
    {
        QVERIFY(isOpenableLink(QStringLiteral("https://example.org/story")));
        QVERIFY(isOpenableLink(QStringLiteral("http://example.org")));
        QVERIFY(!isOpenableLink(QStringLiteral("javascript:alert(1)")));
        QVERIFY(!isOpenableLink(QStringLiteral("file:///etc/passwd")));
        QVERIFY(!isOpenableLink(QStringLiteral("https://")));
        Event e;
        e.startUs = *parseIso8601(QStringLiteral("2016-07-27T19:00:00Z"));
        e.title = QStringLiteral("<b>bold</b>");
        e.note = QStringLiteral("<img src=x>");
        e.url = QStringLiteral("javascript:alert(1)");
        const QString text = eventDetailsText(e, QTimeZone::utc());
        QVERIFY(text.startsWith("<b>bold</b>\n2016-07-27 19:00 (UTC)"));
        QVERIFY(text.contains("<img src=x>"));
        QVERIFY(text.contains("not opened"));
    }

    void panelAndChartFollowEachOther()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.dnstimeline");
        QString error;
        QVERIFY(Store::open(path, Store::Mode::Create, &error));
        EventEditor editor;
        EventTableModel model;
        EventsPanel panel(&editor, &model);
        TimelineChart chart;
        chart.resize(1000, 500);
        connect(&editor, &EventEditor::eventsChanged, &model, &EventTableModel::setEvents);
        connect(&editor, &EventEditor::eventsChanged, &chart, &TimelineChart::setEvents);
        connect(&panel, &EventsPanel::eventSelected, &chart, [&](const Event &e) { chart.highlightEvent(e.id); });
        editor.setProjectPath(path);
        Event a;
        a.startUs = *parseIso8601(QStringLiteral("2016-07-27T19:00:00Z"));
        a.title = QStringLiteral("Press conference");
        Event b;
        b.startUs = *parseIso8601(QStringLiteral("2016-10-31"));
        b.title = QStringLiteral("Publication");
        QVERIFY(editor.addEvents({a, b}, QStringLiteral("seed")));
        chart.setVisibleRange(*parseIso8601(QStringLiteral("2016-07-01")), *parseIso8601(QStringLiteral("2016-08-01")));
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.plot()->replot();

        // Selecting the October event in the table highlights it and moves the chart there.
        QSignalSpy moved(&chart, &TimelineChart::visibleRangeChanged);
        panel.filterEdit()->setText(QStringLiteral("public"));
        QCOMPARE(panel.view()->model()->rowCount(), 1);
        panel.view()->selectRow(0);
        const int64_t publication = editor.events().at(1).id;
        QCOMPARE(chart.highlightedEvent(), publication);
        const auto [from, to] = chart.visibleRange();
        QVERIFY(from <= b.startUs && b.startUs <= to);
        QVERIFY(moved.wait(2000));

        // A click on the marker line finds the event.
        chart.plot()->replot();
        const int x = qRound(chart.plot()->xAxis->coordToPixel(double(b.startUs) / 1e6));
        const int y = chart.plot()->axisRect()->rect().center().y();
        const auto hit = chart.eventAt(QPoint(x, y));
        QVERIFY(hit);
        QCOMPARE(hit->title, QStringLiteral("Publication"));
        QVERIFY(!chart.eventAt(QPoint(x + 40, y)));

        // Delete from the panel, undo brings it back.
        panel.filterEdit()->clear();
        panel.selectEvent(publication);
        panel.deleteSelected();
        QCOMPARE(model.rowCount(), 1);
        editor.undoStack()->undo();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOfId(publication) >= 0, true);
    }

    void categoriesColourAndHide()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.dnstimeline");
        QString error;
        QVERIFY(Store::open(path, Store::Mode::Create, &error));
        EventEditor editor;
        TimelineChart chart;
        chart.resize(1000, 500);
        connect(&editor, &EventEditor::eventsChanged, &chart, &TimelineChart::setEvents);
        connect(&editor, &EventEditor::categoriesChanged, &chart, &TimelineChart::setCategories);
        editor.setProjectPath(path);
        Event a;
        a.startUs = *parseIso8601(QStringLiteral("2016-07-10"));
        a.title = QStringLiteral("Story");
        a.category = QStringLiteral("News");
        Event b = a;
        b.startUs = *parseIso8601(QStringLiteral("2016-07-20"));
        b.title = QStringLiteral("Outage");
        b.category = QStringLiteral("Infrastructure");
        QVERIFY(editor.addEvents({a, b}, QStringLiteral("seed")));
        chart.setVisibleRange(*parseIso8601(QStringLiteral("2016-07-01")), *parseIso8601(QStringLiteral("2016-08-01")));
        QCOMPARE(editor.categories().size(), 2);

        CategoriesDialog dialog(&editor);
        QCOMPARE(dialog.table()->rowCount(), 2);
        QCOMPARE(dialog.table()->item(1, 0)->text(), QStringLiteral("News"));
        dialog.setColor(1, QColor(0x12, 0x34, 0x56));
        QCOMPARE(editor.categories().at(1).color, QStringLiteral("#123456"));

        auto markerPixels = [&](const QColor &color) {
            const QImage img = chart.renderImage(QSize(1000, 500));
            const int x = qRound(chart.plot()->xAxis->coordToPixel(double(a.startUs) / 1e6));
            int n = 0;
            for (int y = 0; y < img.height(); ++y)
                n += img.pixelColor(x, y) == color ? 1 : 0;
            return n;
        };
        QVERIFY(markerPixels(QColor(0x12, 0x34, 0x56)) > 200); // the News line in its new colour

        // Hide "News": its marker goes, "Infrastructure" stays; undo shows it again.
        qobject_cast<QCheckBox *>(dialog.table()->cellWidget(1, 2))->setChecked(false);
        QCOMPARE(editor.categories().at(1).visible, false);
        QCOMPARE(markerPixels(QColor(0x12, 0x34, 0x56)), 0);
        QVERIFY(chart.eventLabels().size() == 1 && chart.eventLabels().first().text == QStringLiteral("Outage"));
        editor.undoStack()->undo();
        QVERIFY(markerPixels(QColor(0x12, 0x34, 0x56)) > 200);
        QTRY_COMPARE(qobject_cast<QCheckBox *>(dialog.table()->cellWidget(1, 2))->isChecked(), true);

        // Stored in the project.
        auto store = Store::open(path, Store::Mode::ReadOnly, &error);
        QCOMPARE(store->categories().size(), 1);
        QCOMPARE(store->categories().first().color, QStringLiteral("#123456"));
    }

    void dragsOnTheChart()
    {
        TimelineChart chart;
        chart.resize(1000, 500);
        Event point;
        point.id = 1;
        point.startUs = *parseIso8601(QStringLiteral("2016-07-10"));
        point.title = QStringLiteral("Point");
        Event span;
        span.id = 2;
        span.startUs = *parseIso8601(QStringLiteral("2016-07-15"));
        span.endUs = *parseIso8601(QStringLiteral("2016-07-20"));
        span.title = QStringLiteral("Span");
        chart.setEvents({point, span});
        chart.setVisibleRange(*parseIso8601(QStringLiteral("2016-07-01")), *parseIso8601(QStringLiteral("2016-08-01")));
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.plot()->replot();
        QWidget *surface = chart.plot();
        const int y = chart.plot()->axisRect()->rect().center().y();
        auto px = [&](int64_t us) { return qRound(chart.plot()->xAxis->coordToPixel(double(us) / 1e6)); };
        auto usAt = [&](int x) { return int64_t(chart.plot()->xAxis->pixelToCoord(x) * 1e6); };
        QSignalSpy dragged(&chart, &TimelineChart::eventDragged);
        QSignalSpy drawn(&chart, &TimelineChart::spanDrawn);
        QSignalSpy clicked(&chart, &TimelineChart::eventClicked);
        const auto [visibleFrom, visibleTo] = chart.visibleRange();

        // Move the point event 60 px to the right: one signal, with the new start.
        const int x = px(point.startUs);
        QTest::mousePress(surface, Qt::LeftButton, Qt::NoModifier, QPoint(x, y));
        QTest::mouseMove(surface, QPoint(x + 30, y));
        QTest::mouseMove(surface, QPoint(x + 60, y));
        QTest::mouseRelease(surface, Qt::LeftButton, Qt::NoModifier, QPoint(x + 60, y));
        QCOMPARE(dragged.count(), 1);
        Event before = dragged.first().at(0).value<Event>();
        Event after = dragged.first().at(1).value<Event>();
        QCOMPARE(before, point);
        QVERIFY(std::abs((after.startUs - point.startUs) - (usAt(x + 60) - usAt(x))) < 2 * 1000000);
        QCOMPARE(chart.visibleRange(), std::make_pair(visibleFrom, visibleTo)); // the view did not pan
        QCOMPARE(clicked.count(), 0);

        // Drag the span's end edge: only the end moves.
        const int xe = px(*span.endUs);
        QTest::mousePress(surface, Qt::LeftButton, Qt::NoModifier, QPoint(xe, y));
        QTest::mouseMove(surface, QPoint(xe + 40, y));
        QTest::mouseRelease(surface, Qt::LeftButton, Qt::NoModifier, QPoint(xe + 40, y));
        QCOMPARE(dragged.count(), 2);
        after = dragged.at(1).at(1).value<Event>();
        QCOMPARE(after.startUs, span.startUs);
        QVERIFY(*after.endUs > *span.endUs);

        // Alt-drag on empty plot: a new span.
        const int xs = px(*parseIso8601(QStringLiteral("2016-07-25")));
        QTest::mousePress(surface, Qt::LeftButton, Qt::AltModifier, QPoint(xs, y));
        QTest::mouseMove(surface, QPoint(xs + 50, y));
        QTest::mouseRelease(surface, Qt::LeftButton, Qt::AltModifier, QPoint(xs + 50, y));
        QCOMPARE(drawn.count(), 1);
        QVERIFY(drawn.first().at(0).toLongLong() < drawn.first().at(1).toLongLong());

        // A plain click on a marker is a click, not a drag.
        QTest::mouseClick(surface, Qt::LeftButton, Qt::NoModifier, QPoint(x, y));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(dragged.count(), 2);
    }
};

QTEST_MAIN(TstEventsWidgets)
#include "tst_eventswidgets.moc"
