// The Public Suffix List parser and algorithm, with the list's own documented test cases
// (publicsuffix.org "test_psl.txt", checkPublicSuffix) run against Debian's list.
#include "publicsuffix.h"

#include <QFile>
#include <QTest>

using namespace dnt;

class TstPublicSuffix : public QObject
{
    Q_OBJECT
private slots:
    void documentedCases_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("registrable"); // empty: null in the test file
        const char *const cases[][2] = {
            // Mixed case and a leading dot.
            {"COM", ""}, {"example.COM", "example.com"}, {"WwW.example.COM", "example.com"}, {".com", ""},
            {".example", ""}, {".example.com", ""}, {".example.example", ""},
            // Unlisted TLD.
            {"example", ""}, {"example.example", "example.example"}, {"b.example.example", "example.example"},
            {"a.b.example.example", "example.example"},
            // TLD with only one rule.
            {"biz", ""}, {"domain.biz", "domain.biz"}, {"b.domain.biz", "domain.biz"}, {"a.b.domain.biz", "domain.biz"},
            // TLD with some two-level rules.
            {"com", ""}, {"example.com", "example.com"}, {"b.example.com", "example.com"},
            {"a.b.example.com", "example.com"}, {"uk.com", ""}, {"example.uk.com", "example.uk.com"},
            {"b.example.uk.com", "example.uk.com"}, {"a.b.example.uk.com", "example.uk.com"},
            {"test.ac", "test.ac"},
            // TLD with only one (wildcard) rule.
            {"mm", ""}, {"c.mm", ""}, {"b.c.mm", "b.c.mm"}, {"a.b.c.mm", "b.c.mm"},
            // More complex TLD.
            {"jp", ""}, {"test.jp", "test.jp"}, {"www.test.jp", "test.jp"}, {"ac.jp", ""},
            {"test.ac.jp", "test.ac.jp"}, {"www.test.ac.jp", "test.ac.jp"}, {"kyoto.jp", ""},
            {"test.kyoto.jp", "test.kyoto.jp"}, {"ide.kyoto.jp", ""}, {"b.ide.kyoto.jp", "b.ide.kyoto.jp"},
            {"a.b.ide.kyoto.jp", "b.ide.kyoto.jp"}, {"c.kobe.jp", ""}, {"b.c.kobe.jp", "b.c.kobe.jp"},
            {"a.b.c.kobe.jp", "b.c.kobe.jp"}, {"city.kobe.jp", "city.kobe.jp"},
            {"www.city.kobe.jp", "city.kobe.jp"},
            // TLD with a wildcard rule and exceptions.
            {"ck", ""}, {"test.ck", ""}, {"b.test.ck", "b.test.ck"}, {"a.b.test.ck", "b.test.ck"},
            {"www.ck", "www.ck"}, {"www.www.ck", "www.ck"},
            // US K12.
            {"us", ""}, {"test.us", "test.us"}, {"www.test.us", "test.us"}, {"ak.us", ""},
            {"test.ak.us", "test.ak.us"}, {"www.test.ak.us", "test.ak.us"}, {"k12.ak.us", ""},
            {"test.k12.ak.us", "test.k12.ak.us"}, {"www.test.k12.ak.us", "test.k12.ak.us"},
            // IDN labels in their ASCII form (the list has them in Unicode): 公司.cn, 中国.
            {"xn--55qx5d.cn", ""}, {"xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn"},
            {"www.xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn"},
            {"shishi.xn--55qx5d.cn", "shishi.xn--55qx5d.cn"}, {"xn--fiqs8s", ""},
            {"xn--85x722f.xn--fiqs8s", "xn--85x722f.xn--fiqs8s"},
            // The names of the motivating case.
            {"mail1.trump-email.com", "trump-email.com"}, {"www.bbc.co.uk", "bbc.co.uk"}};
        for (const auto &c : cases)
            QTest::newRow(c[0]) << QString::fromUtf8(c[0]) << QString::fromUtf8(c[1]);
    }
    void documentedCases()
    {
        if (!QFile::exists(QString::fromLatin1(PublicSuffixList::kSystemPath)))
            QSKIP("Debian's publicsuffix package is not installed");
        QFETCH(QString, name);
        QFETCH(QString, registrable);
        const PublicSuffixList &list = PublicSuffixList::system();
        QVERIFY(list.ruleCount() > 5000);
        QCOMPARE(list.registrableDomain(name), registrable);
    }

    void inlineRules()
    {
        const PublicSuffixList list = PublicSuffixList::parse("// comment\n\ncom\nco.uk   trailing text\n"
                                                              "*.kawasaki.jp\n!city.kawasaki.jp\n公司.cn\n");
        QCOMPARE(list.ruleCount(), 5);
        QCOMPARE(list.publicSuffix(QStringLiteral("a.b.co.uk")), QStringLiteral("co.uk"));
        QCOMPARE(list.registrableDomain(QStringLiteral("a.b.co.uk")), QStringLiteral("b.co.uk"));
        QCOMPARE(list.publicSuffix(QStringLiteral("x.y.kawasaki.jp")), QStringLiteral("y.kawasaki.jp"));
        QCOMPARE(list.registrableDomain(QStringLiteral("x.y.kawasaki.jp")), QStringLiteral("x.y.kawasaki.jp"));
        QCOMPARE(list.registrableDomain(QStringLiteral("y.kawasaki.jp")), QString());
        QCOMPARE(list.publicSuffix(QStringLiteral("www.city.kawasaki.jp")), QStringLiteral("kawasaki.jp"));
        QCOMPARE(list.registrableDomain(QStringLiteral("www.city.kawasaki.jp")), QStringLiteral("city.kawasaki.jp"));
        QCOMPARE(list.registrableDomain(QStringLiteral("a.xn--55qx5d.cn")), QStringLiteral("a.xn--55qx5d.cn"));
        // No rule: the implicit "*" rule, the last label is the suffix.
        QCOMPARE(list.registrableDomain(QStringLiteral("a.b.internal")), QStringLiteral("b.internal"));
        QCOMPARE(list.registrableDomain(QString()), QString());
    }

    void missingFile()
    {
        QString error;
        const PublicSuffixList list = PublicSuffixList::fromFile(QStringLiteral("/nonexistent/psl.dat"), &error);
        QVERIFY(list.isEmpty());
        QVERIFY(error.contains("/nonexistent/psl.dat"));
        // An empty list still groups: by the last label as suffix.
        QCOMPARE(list.registrableDomain(QStringLiteral("mail1.trump-email.com")), QStringLiteral("trump-email.com"));
    }
};

QTEST_GUILESS_MAIN(TstPublicSuffix)
#include "tst_publicsuffix.moc"
