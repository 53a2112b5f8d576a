// The workspace's text formats: a saved view's JSON spec (round trip, versions, bad values) and the
// hosts-style labels file (comments, bad lines with their line numbers and reasons).
#include "labelsfile.h"
#include "viewspec.h"

#include <QTemporaryDir>
#include <QTest>

using namespace dnt;

class TstWorkspaceFiles : public QObject
{
    Q_OBJECT
private slots:
    void viewRoundTrip()
    {
        ViewSpec v;
        v.selection.names << QStringLiteral("mail1.trump-email.com");
        v.selection.domains << QStringLiteral("contact-client.com");
        v.selection.clients << QStringLiteral("10.0.0.0/8");
        v.selection.groups << QStringLiteral("Bank resolvers");
        v.fromUs = 1462060800123456;
        v.toUs = 1474588800000000;
        v.bucket = BucketUnit::Week;
        v.style = QStringLiteral("steps");
        v.values = QStringLiteral("share");
        v.log = true;
        v.zone = QStringLiteral("Europe/Moscow");
        v.split = Split::Group;
        v.categories.insert(QStringLiteral("Press"), false);
        v.categories.insert(QStringLiteral("Campaign"), true);
        v.title = QStringLiteral("The hotline");
        QString error;
        const auto back = ViewSpec::fromJson(v.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == v);
        QCOMPARE(back->fromUs, std::optional<int64_t>(1462060800123456));
        QCOMPARE(back->selection.groups, QStringList{QStringLiteral("Bank resolvers")});
        QVERIFY(v.toJson().contains("\"version\":1"));
        // Defaults: everything, automatic bucket, bars of counts in UTC.
        const auto minimal = ViewSpec::fromJson("{\"version\":1}", &error);
        QVERIFY(minimal);
        // (Without "range" it is a view from before the range choice: the selection's span, as it meant.)
        ViewSpec defaults;
        defaults.range = RangeMode::Selection;
        QVERIFY(*minimal == defaults);
        QVERIFY(!minimal->bucket);
    }

    void badViews_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not JSON: unterminated object at offset 1");
        QTest::newRow("no version") << QByteArray("{}") << QStringLiteral("not a view spec (no \"version\")");
        QTest::newRow("newer") << QByteArray("{\"version\":3}")
                               << QStringLiteral("written by a newer version of DNS Timeline (view version 3, this version reads up to 2)");
        QTest::newRow("bucket") << QByteArray("{\"version\":1,\"bucket\":\"fortnight\"}") << QStringLiteral("unknown bucket \"fortnight\"");
        QTest::newRow("style") << QByteArray("{\"version\":1,\"style\":\"pie\"}") << QStringLiteral("unknown style \"pie\" (bars, lines or steps)");
        QTest::newRow("zone") << QByteArray("{\"version\":1,\"zone\":\"Mars/Olympus\"}") << QStringLiteral("unknown time zone \"Mars/Olympus\"");
        QTest::newRow("split") << QByteArray("{\"version\":1,\"split\":\"server\"}") << QStringLiteral("unknown split \"server\"");
        QTest::newRow("range") << QByteArray("{\"version\":1,\"fromUs\":5,\"toUs\":5}") << QStringLiteral("\"toUs\" must be after \"fromUs\"");
        QTest::newRow("names") << QByteArray("{\"version\":1,\"selection\":{\"names\":[1]}}") << QStringLiteral("\"names\" must be a list of strings");
    }

    void badViews()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QString got;
        QVERIFY(!ViewSpec::fromJson(json, &got));
        QCOMPARE(got, error);
    }

    void labels()
    {
        const QByteArray text = "# bank resolvers\n"
                                "217.12.96.15   Alfa  resolver 1   # primary\n"
                                "\n"
                                "2001:DB8::1 v6 host\n"
                                "217.12.96.15 Alfa resolver one\n"
                                "   # indented comment\n"
                                "192.0.2.7\tdocs host\r\n";
        const LabelsFileResult r = parseLabels(text);
        QVERIFY(r.ok());
        QCOMPARE(r.labels.size(), 3);
        QCOMPARE(r.labels.at(0), (QPair<QString, QString>{QStringLiteral("217.12.96.15"), QStringLiteral("Alfa resolver one")}));
        QCOMPARE(r.labels.at(1), (QPair<QString, QString>{QStringLiteral("2001:db8::1"), QStringLiteral("v6 host")}));
        QCOMPARE(r.labels.at(2), (QPair<QString, QString>{QStringLiteral("192.0.2.7"), QStringLiteral("docs host")}));
    }

    void badLabels()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("labels.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("10.0.0.1 fine\n10.0.0.0/8 a network\n\n10.0.0.300 typo\n10.0.0.2\n");
        f.close();
        const LabelsFileResult r = readLabelsFile(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.messages(path),
                 (QStringList{path + QStringLiteral(":2: \"10.0.0.0/8\" is not an IPv4/IPv6 address (expected ADDRESS LABEL)"),
                              path + QStringLiteral(":4: \"10.0.0.300\" is not an IPv4/IPv6 address (expected ADDRESS LABEL)"),
                              path + QStringLiteral(":5: 10.0.0.2 has no label (expected ADDRESS LABEL)")}));
        const LabelsFileResult missing = readLabelsFile(dir.filePath(QStringLiteral("nope.txt")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.messages(QStringLiteral("nope.txt")).first().startsWith(QStringLiteral("nope.txt: cannot read: ")));
    }
};

QTEST_GUILESS_MAIN(TstWorkspaceFiles)
#include "tst_workspacefiles.moc"
