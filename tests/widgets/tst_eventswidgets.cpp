#include "categoriesdialog.h"
#include "categorycolors.h"
#include "charttheme.h"
#include "eventdialog.h"
#include "eventeditor.h"
#include "eventimportdialog.h"
#include "eventinfo.h"
#include "eventspanel.h"
#include "eventtablemodel.h"
#include "store.h"
#include "timelinechart.h"
#include "timeutil.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
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

        // Stored in the project: both categories since their first events, News in its new colour.
        auto store = Store::open(path, Store::Mode::ReadOnly, &error);
        QCOMPARE(store->categories().size(), 2);
        QCOMPARE(store->categories().at(1).name, QStringLiteral("News"));
        QCOMPARE(store->categories().at(1).color, QStringLiteral("#123456"));
    }

    void newCategoriesGetUnusedColours()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.dnstimeline");
        QString error;
        QVERIFY(Store::open(path, Store::Mode::Create, &error));
        EventEditor editor;
        editor.setProjectPath(path);
        const auto colourOf = [&](const QString &name) {
            for (const EventCategory &c : editor.categories())
                if (c.name == name)
                    return c.color;
            return QString();
        };
        // One category after another, as a user adds them; the last event starts before all others.
        const QStringList names{QStringLiteral("Campaign"), QStringLiteral("News"), QStringLiteral("Press"),
                                QStringLiteral("DNS"), QStringLiteral("Outage"), QStringLiteral("Court"),
                                QStringLiteral("Leak"), QStringLiteral("Email"), QStringLiteral("Hearing")};
        QCOMPARE(names.size(), categoryPalette().size());
        QStringList seen;
        QHash<QString, QString> first;
        for (int i = 0; i < names.size(); ++i) {
            Event e;
            e.startUs = *parseIso8601(QStringLiteral("2016-07-10")) + (i == names.size() - 1 ? -1 : i) * kUsPerDay;
            e.title = names.at(i) + QStringLiteral(" event");
            e.category = names.at(i);
            QVERIFY(editor.addEvent(e));
            const QString colour = colourOf(names.at(i));
            QVERIFY2(!seen.contains(colour), qPrintable(names.at(i) + QStringLiteral(" got ") + colour + QStringLiteral(" again: ") + seen.join(QLatin1Char(' '))));
            seen.append(colour);
            first.insert(names.at(i), colour);
            // Earlier categories keep their colours.
            for (int j = 0; j < i; ++j)
                QCOMPARE(colourOf(names.at(j)), first.value(names.at(j)));
        }
        // The first two: vermillion (the markers' colour) and, after Campaign, not a grey.
        QCOMPARE(first.value(QStringLiteral("Campaign")), QStringLiteral("#d55e00"));
        const QColor news(first.value(QStringLiteral("News")));
        QVERIFY2(news.hsvSaturation() > 100, qPrintable(news.name()));
        // No category colour is a series colour, in either theme.
        for (const QString &c : seen) {
            QVERIFY(QColor(c).hsvSaturation() > 100);
            for (const QColor &series : ChartTheme::light().series + ChartTheme::dark().series)
                QVERIFY2(QColor(c) != series, qPrintable(c));
        }
        // Kept in the project: a fresh editor reads the same colours.
        EventEditor again;
        again.setProjectPath(path);
        for (const EventCategory &c : again.categories())
            QCOMPARE(c.color, first.value(c.name));
        // A tenth category (the palette is used up): the least used colour, here the first.
        QCOMPARE(nextCategoryColor(seen), QStringLiteral("#d55e00"));
        QCOMPARE(nextCategoryColor(seen + QStringList{QStringLiteral("#D55E00")}), QStringLiteral("#7b3294"));

        // A project from before categories were stored on first use: unstored categories get distinct
        // colours that no stored one has, the same each time.
        Event x, y;
        x.startUs = 1;
        x.category = QStringLiteral("Old A");
        y.startUs = 2;
        y.category = QStringLiteral("Old B");
        const QVector<EventCategory> stored{{QStringLiteral("Kept"), QStringLiteral("#d55e00"), true}};
        const auto merged = mergeCategories(stored, {x, y});
        QCOMPARE(merged.size(), 3);
        QCOMPARE(merged.at(0).name, QStringLiteral("Kept"));
        QCOMPARE(merged.at(1).color, QStringLiteral("#7b3294"));
        QCOMPARE(merged.at(2).color, QStringLiteral("#01665e"));
    }

    void spanTimesInOnePrecision()
    {
        Event e;
        e.id = 1;
        e.startUs = *parseIso8601(QStringLiteral("2016-07-27T19:00:00Z"));
        e.endUs = *parseIso8601(QStringLiteral("2016-07-27T19:00:05Z"));
        e.title = QStringLiteral("Short span");
        {
            EventDialog dialog(e, QTimeZone::utc(), {});
            QCOMPARE(dialog.startEdit()->text(), QStringLiteral("2016-07-27 19:00:00"));
            QCOMPARE(dialog.endEdit()->text(), QStringLiteral("2016-07-27 19:00:05"));
            QCOMPARE(dialog.validate(), QString());
            QCOMPARE(dialog.event(), e); // read back unchanged
        }
        QVERIFY(eventDetailsText(e, QTimeZone::utc()).contains(QStringLiteral("2016-07-27 19:00:00 – 2016-07-27 19:00:05")));
        // Seconds on the start only: the end gets them too.
        e.startUs += 7 * kUsPerSecond;
        e.endUs = *parseIso8601(QStringLiteral("2016-07-27T21:00:00Z"));
        {
            EventDialog dialog(e, QTimeZone::utc(), {});
            QCOMPARE(dialog.startEdit()->text(), QStringLiteral("2016-07-27 19:00:07"));
            QCOMPARE(dialog.endEdit()->text(), QStringLiteral("2016-07-27 21:00:00"));
        }
        // Whole minutes on both: both to the minute.
        e.startUs = *parseIso8601(QStringLiteral("2016-07-27T19:00:00Z"));
        {
            EventDialog dialog(e, QTimeZone::utc(), {});
            QCOMPARE(dialog.startEdit()->text(), QStringLiteral("2016-07-27 19:00"));
            QCOMPARE(dialog.endEdit()->text(), QStringLiteral("2016-07-27 21:00"));
        }
    }

    void doubleClickSnapsToBucketStart()
    {
        TimelineChart chart;
        chart.resize(1000, 500);
        VolumeSeries v;
        v.unit = BucketUnit::Hour;
        v.fromUs = *parseIso8601(QStringLiteral("2016-07-27T00:00:00Z"));
        v.toUs = v.fromUs + 24 * kUsPerHour;
        VolumeSeries::Series one;
        one.label = QStringLiteral("all");
        for (int i = 0; i < 24; ++i) {
            v.bucketStarts.append(v.fromUs + i * kUsPerHour);
            one.counts.append(i < 20 ? 5 + i % 3 : 0); // the last four hours empty
            one.total += one.counts.last();
        }
        v.series.append(one);
        chart.setSeries(v);
        chart.setVisibleRange(v.fromUs, v.toUs);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.plot()->replot();
        QSignalSpy clicked(&chart, &TimelineChart::timeDoubleClicked);
        const int y = chart.plot()->axisRect()->rect().center().y();
        const auto px = [&](int64_t us) { return qRound(chart.plot()->xAxis->coordToPixel(double(us) / 1e6)); };
        // 10:40 lies in the bar of 10:00–11:00: the event starts at 10:00, not at 10:40.
        const int64_t tenForty = v.fromUs + 10 * kUsPerHour + 40 * kUsPerMinute;
        QTest::mouseDClick(chart.plot(), Qt::LeftButton, Qt::NoModifier, QPoint(px(tenForty), y));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toLongLong(), v.fromUs + 10 * kUsPerHour);
        // 22:30, an empty hour without a bar: still the start of that hour.
        QTest::mouseDClick(chart.plot(), Qt::LeftButton, Qt::NoModifier,
                           QPoint(px(v.fromUs + 22 * kUsPerHour + 30 * kUsPerMinute), y));
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(clicked.last().first().toLongLong(), v.fromUs + 22 * kUsPerHour);
        QCOMPARE(chart.bucketStartAtPixel(px(tenForty)), v.fromUs + 10 * kUsPerHour);
    }

    void markerPopupIsNotModalAndEdits()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.dnstimeline");
        QString error;
        QVERIFY(Store::open(path, Store::Mode::Create, &error));
        EventEditor editor;
        EventTableModel model;
        EventsPanel panel(&editor, &model);
        connect(&editor, &EventEditor::eventsChanged, &model, &EventTableModel::setEvents);
        editor.setProjectPath(path);
        Event a;
        a.startUs = *parseIso8601(QStringLiteral("2016-07-27T19:00:00Z"));
        a.title = QStringLiteral("Press <b>conference</b>");
        a.url = QStringLiteral("https://example.org/a");
        QVERIFY(editor.addEvent(a));
        const Event stored = editor.events().first();
        panel.show();

        QPointer<EventInfoBox> box = showEventDetails(&panel, stored, QTimeZone::utc());
        connect(box, &EventInfoBox::editRequested, &panel, [&](const Event &e) { panel.editEvent(e.id); });
        QVERIFY(QTest::qWaitForWindowExposed(box));
        QVERIFY(!box->isModal());
        QCOMPARE(box->windowModality(), Qt::NonModal);
        QCOMPARE(QApplication::activeModalWidget(), nullptr); // the rest of the window takes input
        QVERIFY(box->text().startsWith(QStringLiteral("Press <b>conference</b>\n")));
        QVERIFY(box->openLinkButton());
        QVERIFY(box->editButton());

        // Edit…: the event dialog for this event; OK changes it through the editor, as one undo step.
        QString shownStart, shownTitle;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<EventDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            shownStart = dialog->startEdit()->text();
            shownTitle = dialog->titleEdit()->text();
            dialog->titleEdit()->setText(QStringLiteral("Press conference, edited"));
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        const int steps = editor.undoStack()->count();
        box->editButton()->click();
        QCOMPARE(shownStart, QStringLiteral("2016-07-27 19:00"));
        QCOMPARE(shownTitle, stored.title);
        QCOMPARE(editor.events().size(), 1);
        QCOMPARE(editor.events().first().id, stored.id);
        QCOMPARE(editor.events().first().title, QStringLiteral("Press conference, edited"));
        QCOMPARE(editor.undoStack()->count(), steps + 1);
        QTRY_VERIFY(box.isNull()); // closed and deleted: its text would be stale
        editor.undoStack()->undo();
        QCOMPARE(editor.events().first().title, stored.title);
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
