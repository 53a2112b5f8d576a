// The DNS vocabulary (query types, response codes) against Debian's own list of it, and the selection's
// lookup filters in saved views and descriptions.
#include "dnscodes.h"
#include "selection.h"
#include "viewspec.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace dnt;

namespace {

// ns_t_* / ns_r_* of glibc's <arpa/nameser.h> (libc6-dev): name (as IANA spells it) → value.
QMap<QString, int> nameserEnum(const QString &prefix)
{
    QMap<QString, int> out;
    QFile f(QStringLiteral("/usr/include/arpa/nameser.h"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QRegularExpression re(QStringLiteral("\\b%1(\\w+)\\s*=\\s*(\\d+)").arg(prefix));
    auto it = re.globalMatch(QString::fromLatin1(f.readAll()));
    while (it.hasNext()) {
        const auto m = it.next();
        QString name = m.captured(1).toUpper();
        name.replace(QLatin1Char('_'), QLatin1Char('-')); // ns_t_nsap_ptr is NSAP-PTR
        out.insert(name, m.captured(2).toInt());
    }
    return out;
}

} // namespace

class TestDnsCodes : public QObject
{
    Q_OBJECT

private slots:
    void everyDebianTypeShowsItsMnemonic()
    {
        const QMap<QString, int> types = nameserEnum(QStringLiteral("ns_t_"));
        QVERIFY2(types.size() > 80, "glibc's <arpa/nameser.h> is missing (Debian package libc6-dev)");
        int checked = 0;
        for (auto it = types.cbegin(); it != types.cend(); ++it) {
            if (it.key() == QLatin1String("INVALID") || it.key() == QLatin1String("MAX"))
                continue;
            QCOMPARE(qtypeLabel(it.value()), it.key());
            QCOMPARE(int(qtypeFromName(it.key().toStdString())), it.value());
            QCOMPARE(qtypeFromText(it.key().toLower()), std::optional<int>(it.value()));
            ++checked;
        }
        QVERIFY(checked > 80);
        QCOMPARE(qtypeLabel(32), QStringLiteral("NIMLOC")); // as Zeek writes it, never TYPE32
        // Newer IANA assignments than glibc's list.
        QCOMPARE(qtypeLabel(64), QStringLiteral("SVCB"));
        QCOMPARE(qtypeLabel(65), QStringLiteral("HTTPS"));
        QCOMPARE(qtypeLabel(63), QStringLiteral("ZONEMD"));
        // No mnemonic: the RFC 3597 form, and it reads back.
        QCOMPARE(qtypeLabel(54), QStringLiteral("TYPE54"));
        QCOMPARE(qtypeLabel(65534), QStringLiteral("TYPE65534"));
        QCOMPARE(qtypeFromText(QStringLiteral("TYPE65534")), std::optional<int>(65534));
        QCOMPARE(qtypeLabel(0), QString());
        QCOMPARE(qtypeFromText(QStringLiteral("*")), std::optional<int>(255));
        QCOMPARE(qtypeFromText(QStringLiteral("28")), qtypeFromText(QStringLiteral("aaaa")));
        QCOMPARE(qtypeFromText(QStringLiteral("65536")), std::nullopt);
        QCOMPARE(qtypeFromText(QStringLiteral("AAAAA")), std::nullopt);
        // Every entry of the table reads back from its own label.
        for (const auto &[value, name] : qtypeNames())
            QCOMPARE(int(qtypeFromName(name)), value);
    }

    void everyDebianRcodeShowsItsMnemonic()
    {
        const QMap<QString, int> rcodes = nameserEnum(QStringLiteral("ns_r_"));
        QVERIFY(rcodes.size() >= 14);
        for (auto it = rcodes.cbegin(); it != rcodes.cend(); ++it) {
            if (it.key() == QLatin1String("MAX"))
                continue;
            // glibc says NOTIMPL and BADSIG where IANA (and logs) say NOTIMP and BADVERS: both read.
            QCOMPARE(rcodeFromName(it.key().toStdString()), it.value());
            if (it.key() != QLatin1String("NOTIMPL") && it.key() != QLatin1String("BADSIG"))
                QCOMPARE(rcodeLabel(it.value()), it.key());
        }
        QCOMPARE(rcodeLabel(3), QStringLiteral("NXDOMAIN"));
        QCOMPARE(rcodeLabel(23), QStringLiteral("BADCOOKIE"));
        QCOMPARE(rcodeLabel(12), QStringLiteral("RCODE12"));
        QCOMPARE(rcodeLabel(-1), QString());
        QCOMPARE(rcodeFromText(QStringLiteral("nxdomain")), std::optional<int>(3));
        QCOMPARE(rcodeFromText(QStringLiteral("3")), std::optional<int>(3));
        QCOMPARE(rcodeFromText(QStringLiteral("RCODE12")), std::optional<int>(12));
        QCOMPARE(rcodeFromText(QStringLiteral("4096")), std::nullopt);
        QCOMPARE(rcodeFromText(QStringLiteral("NOPE")), std::nullopt);
    }

    void viewSpecKeepsFilters()
    {
        ViewSpec v;
        v.selection.names << QStringLiteral("mail1.trump-email.com");
        v.selection.rcodes = {3, 2};
        v.selection.qtypes = {28};
        v.selection.servers = {QStringLiteral("8.8.8.8"), QStringLiteral("2001:db8::/32")};
        const QByteArray json = v.toJson();
        QVERIFY(json.contains("\"version\":2"));
        QString error;
        const auto back = ViewSpec::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == v);
        QCOMPARE(back->selection.rcodes, (QVector<int>{3, 2}));
        QCOMPARE(back->selection.servers.last(), QStringLiteral("2001:db8::/32"));
        // Without filters a view stays version 1, readable by the versions before the filters.
        ViewSpec plain;
        plain.selection.names << QStringLiteral("a.example");
        QVERIFY(plain.toJson().contains("\"version\":1"));
        // Older specs (no filter keys) read as "any".
        const auto old = ViewSpec::fromJson(R"({"version":1,"selection":{"names":["a.example"]}})", &error);
        QVERIFY(old);
        QVERIFY(!old->selection.hasLookupFilter());
        QCOMPARE(old->selection.names, plain.selection.names);
        // Bad values are refused with a message.
        QVERIFY(!ViewSpec::fromJson(R"({"version":2,"selection":{"rcodes":["NXDOMAIN"]}})", &error));
        QCOMPARE(error, QStringLiteral("\"rcodes\" must be a list of numbers from -1 to 4095"));
        QVERIFY(!ViewSpec::fromJson(R"({"version":2,"selection":{"qtypes":[70000]}})", &error));
        QVERIFY(!ViewSpec::fromJson(R"({"version":2,"selection":{"servers":["resolver"]}})", &error));
        QCOMPARE(error, QStringLiteral("server \"resolver\" is not an IPv4/IPv6 address or CIDR range"));
    }

    void describeNamesTheFilters()
    {
        Selection s;
        s.names << QStringLiteral("mail1.trump-email.com");
        s.rcodes = {3};
        s.qtypes = {28, 32};
        s.servers = {QStringLiteral("8.8.8.8")};
        QCOMPARE(s.describe(),
                 QStringLiteral("mail1.trump-email.com · rcode NXDOMAIN · type AAAA or NIMLOC · server 8.8.8.8"));
        QVERIFY(!s.isEmpty());
        QVERIFY(Selection{}.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDnsCodes)
#include "tst_dnscodes.moc"
