#include "dnsmessage.h"
#include "dnswiretestsupport.h"

#include <QTest>

using namespace dnt;
using namespace dnt::test;

namespace
{

// Parses a message; returns "name qtype" or "skip" or the rejection reason prefixed with "!".
QString parse(const QByteArray &m)
{
    DnsQuestionInfo q;
    const char *why = nullptr;
    switch (parseDnsQuestion(reinterpret_cast<const uint8_t *>(m.constData()), size_t(m.size()), &q, &why)) {
    case DnsParseResult::Ok:
        return QStringLiteral("%1 %2").arg(QString::fromStdString(q.name)).arg(q.qtype);
    case DnsParseResult::NoQuestion:
        return QStringLiteral("skip");
    case DnsParseResult::Malformed:
        return QStringLiteral("!") + QString::fromLatin1(why);
    }
    return {};
}

QByteArray header(uint16_t qdcount = 1)
{
    QByteArray m;
    put16(&m, 7);
    put16(&m, 0x0100);
    put16(&m, qdcount);
    put16(&m, 0);
    put16(&m, 0);
    put16(&m, 0);
    return m;
}

} // namespace

class TstDnsMessage : public QObject
{
    Q_OBJECT
private slots:
    void plainQuery()
    {
        QCOMPARE(parse(dnsQuery("www.Example.com", 28)), QStringLiteral("www.Example.com 28"));
        QCOMPARE(parse(dnsQuery(".", 2)), QStringLiteral(". 2"));
        DnsQuestionInfo q;
        const char *why = nullptr;
        const QByteArray m = dnsQuery("a.b", 1, 0xbeef, true, 3);
        QCOMPARE(parseDnsQuestion(reinterpret_cast<const uint8_t *>(m.constData()), size_t(m.size()), &q, &why),
                 DnsParseResult::Ok);
        QCOMPARE(q.id, uint16_t(0xbeef));
        QVERIFY(q.response);
        QCOMPARE(q.rcode, uint8_t(3));
        QCOMPARE(q.qclass, uint16_t(1));
    }
    void oddBytesAreEscaped()
    {
        QByteArray m = header();
        m.append(char(3));
        m.append("a.b");
        m.append(char(2));
        m.append('\x01');
        m.append(' ');
        m.append('\0');
        put16(&m, 1);
        put16(&m, 1);
        QCOMPARE(parse(m), QStringLiteral("a\\046b.\\001\\032 1"));
    }
    void compression()
    {
        // Backward pointer: the question's name ends in a pointer to a name stored earlier? The
        // question is the first name, so point into itself: "x" + pointer to "example.com" at 14.
        QByteArray m = header();
        m.append(wireName("example.com")); // offset 12..24
        put16(&m, 1);
        put16(&m, 1);
        // second message layout: name at 12 is "www" + pointer to offset 16 ("example.com" inside a
        // helper name placed after the question): forward pointer.
        QByteArray f = header();
        f.append(char(3));
        f.append("www");
        put16(&f, 0xC000 | 22); // forward to offset 22
        put16(&f, 1);           // qtype at 18
        put16(&f, 1);           // qclass at 20
        f.append(wireName("example.com")); // offset 22
        QCOMPARE(parse(f), QStringLiteral("www.example.com 1"));
        QCOMPARE(parse(m), QStringLiteral("example.com 1"));
    }
    void pointerLoops()
    {
        QByteArray self = header();
        put16(&self, 0xC000 | 12); // points at itself
        put16(&self, 1);
        put16(&self, 1);
        QCOMPARE(parse(self), QStringLiteral("!compression pointer loop"));

        QByteArray pair = header();
        put16(&pair, 0xC000 | 16); // 12 -> 16
        put16(&pair, 1);
        put16(&pair, 0xC000 | 12); // 16 -> 12
        QCOMPARE(parse(pair), QStringLiteral("!compression pointer loop"));

        QByteArray labels = header();
        labels.append(char(1));
        labels.append('a');
        put16(&labels, 0xC000 | 12); // "a" then back to "a": a growing name
        put16(&labels, 1);
        put16(&labels, 1);
        QCOMPARE(parse(labels), QStringLiteral("!compression pointer loop"));

        QByteArray beyond = header();
        put16(&beyond, 0xC000 | 500);
        QCOMPARE(parse(beyond), QStringLiteral("!compression pointer beyond the end of the message"));
    }
    void limits()
    {
        QByteArray longLabel = header();
        longLabel.append(char(64));
        longLabel.append(QByteArray(64, 'a'));
        longLabel.append('\0');
        put16(&longLabel, 1);
        put16(&longLabel, 1);
        QVERIFY(parse(longLabel).startsWith(QStringLiteral("!DNS label longer than 63 bytes")));

        QByteArray max63 = header();
        max63.append(char(63));
        max63.append(QByteArray(63, 'a'));
        max63.append('\0');
        put16(&max63, 1);
        put16(&max63, 1);
        QCOMPARE(parse(max63), QString(QByteArray(63, 'a')) + QStringLiteral(" 1"));

        // 4 labels of 63 = 4 * 64 + 1 = 257 bytes on the wire.
        QByteArray longName = header();
        for (int i = 0; i < 4; ++i) {
            longName.append(char(63));
            longName.append(QByteArray(63, 'b'));
        }
        longName.append('\0');
        put16(&longName, 1);
        put16(&longName, 1);
        QCOMPARE(parse(longName), QStringLiteral("!DNS name longer than 255 bytes"));

        // Exactly 255: 3 labels of 63, one of 61 -> 3*64 + 62 + 1 = 255.
        QByteArray name255 = header();
        for (int i = 0; i < 3; ++i) {
            name255.append(char(63));
            name255.append(QByteArray(63, 'c'));
        }
        name255.append(char(61));
        name255.append(QByteArray(61, 'c'));
        name255.append('\0');
        put16(&name255, 1);
        put16(&name255, 1);
        QVERIFY(!parse(name255).startsWith(QLatin1Char('!')));
    }
    void truncation()
    {
        const QByteArray m = dnsQuery("www.example.com", 1);
        QCOMPARE(parse(m.left(11)), QStringLiteral("!truncated DNS message (shorter than the 12-byte header)"));
        QCOMPARE(parse(m.left(15)), QStringLiteral("!truncated DNS message (label runs past the end)"));
        QCOMPARE(parse(m.left(28)), QStringLiteral("!truncated DNS message (name runs past the end)"));
        QCOMPARE(parse(m.left(m.size() - 1)), QStringLiteral("!truncated DNS message (question type/class cut off)"));
        QByteArray cutPointer = header();
        cutPointer.append(char(0xC0));
        QCOMPARE(parse(cutPointer), QStringLiteral("!truncated DNS message (compression pointer cut off)"));
        QCOMPARE(parse(header(0)), QStringLiteral("skip"));
    }
    void garbageNeverCrashes()
    {
        // Every prefix and every single-byte corruption of a compressed message.
        QByteArray f = header();
        f.append(char(3));
        f.append("www");
        put16(&f, 0xC000 | 22);
        put16(&f, 1);
        put16(&f, 1);
        f.append(wireName("example.com"));
        int parsed = 0;
        for (int n = 0; n <= f.size(); ++n)
            parsed += parse(f.left(n)).startsWith(QLatin1Char('!')) ? 0 : 1;
        for (int i = 12; i < f.size(); ++i)
            for (int v = 0; v < 256; v += 7) {
                QByteArray g = f;
                g[i] = char(v);
                parse(g);
            }
        QCOMPARE(parsed, 1); // only the complete message
    }
};

QTEST_GUILESS_MAIN(TstDnsMessage)
#include "tst_dnsmessage.moc"
