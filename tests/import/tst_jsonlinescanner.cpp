// The JSON-lines scanner and the wanted-member collector the zeek-json, route53 and suricata readers
// share: one pass, nested objects entered only when wanted, string edge cases around the
// eight-byte steps and the memchr path of long strings, and every malformation reported.
#include "jsonlinescanner.h"

#include <QByteArray>
#include <QTest>

#include <string>

using namespace dnt;

namespace
{

enum { Ts, Dns, Type, Name, Queries };
constexpr JsonWanted kWanted[] = {{"ts"}, {"dns"}, {"type", Dns}, {"rrname", Dns}, {"queries", Dns}};

QString text(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

} // namespace

class TstJsonLineScanner : public QObject
{
    Q_OBJECT

private slots:
    void collectsTopLevelAndNested()
    {
        JsonFieldCollector c;
        const std::string line = R"({"x":[1,{"type":"no"}],"ts":12.5,"dns":{"id":7,"type":"query","rrname":"a.example",)"
                                 R"("queries":[{"rrname":"b"}]},"type":"top-level type is not dns.type"})";
        QVERIFY2(c.collect(line, kWanted), c.error());
        QVERIFY(c.has(Ts) && c.has(Dns) && c.has(Type) && c.has(Name) && c.has(Queries));
        QCOMPARE(c[Ts].kind, JsonLineScanner::Kind::Number);
        QCOMPARE(text(c[Ts].value), QStringLiteral("12.5"));
        QCOMPARE(text(c[Type].value), QStringLiteral("query"));
        QCOMPARE(text(c[Name].value), QStringLiteral("a.example"));
        QCOMPARE(c[Queries].kind, JsonLineScanner::Kind::Array);
        QCOMPARE(text(c[Queries].value), QStringLiteral(R"([{"rrname":"b"}])"));
        // The entered object's member still spans all of it.
        QCOMPARE(c[Dns].kind, JsonLineScanner::Kind::Object);
        QVERIFY(text(c[Dns].value).startsWith(QStringLiteral("{\"id\":7")));
        QVERIFY(text(c[Dns].value).endsWith(QStringLiteral("}]}")));
    }

    void duplicatesLastWins()
    {
        JsonFieldCollector c;
        // A second "dns" replaces the first entirely: its missing rrname is not taken from the first.
        QVERIFY(c.collect(R"({"ts":1,"ts":2,"dns":{"type":"a","rrname":"old"},"dns":{"type":"b"}})", kWanted));
        QCOMPARE(text(c[Ts].value), QStringLiteral("2"));
        QCOMPARE(text(c[Type].value), QStringLiteral("b"));
        QVERIFY(!c.has(Name));
        // A "dns" that is not an object is kept as it is, and forgets the earlier object's members.
        QVERIFY(c.collect(R"({"dns":{"type":"a"},"dns":"text"})", kWanted));
        QCOMPARE(c[Dns].kind, JsonLineScanner::Kind::String);
        QVERIFY(!c.has(Type));
        // The collector is reused: nothing of the previous line survives.
        QVERIFY(c.collect(R"({"other":1})", kWanted));
        QVERIFY(!c.has(Ts) && !c.has(Dns));
    }

    void keysSharingASlotAndListsSwitching()
    {
        // Same length, same first and last byte: the same slot of the key table; each must still
        // be told apart, and a key that only shares the slot must not match.
        static constexpr JsonWanted kSlot[] = {{"ab1z"}, {"ab2z"}, {"ab3z"}};
        static constexpr JsonWanted kOther[] = {{"ab2z"}, {"q"}};
        JsonFieldCollector c;
        QVERIFY(c.collect(R"({"ab2z":2,"ab9z":9,"ab3z":3,"ab1z":1})", kSlot));
        QCOMPARE(text(c[0].value), QStringLiteral("1"));
        QCOMPARE(text(c[1].value), QStringLiteral("2"));
        QCOMPARE(text(c[2].value), QStringLiteral("3"));
        // The same collector with another list: its table follows the list.
        QVERIFY(c.collect(R"({"ab1z":1,"q":"x","ab2z":"two"})", kOther));
        QCOMPARE(text(c[0].value), QStringLiteral("two"));
        QCOMPARE(text(c[1].value), QStringLiteral("x"));
        QVERIFY(c.collect(R"({"ab1z":1})", kSlot));
        QVERIFY(c.has(0) && !c.has(1) && !c.has(2));
    }

    void escapedKeysAndValues()
    {
        JsonFieldCollector c;
        QVERIFY(c.collect("{\"\\u0074s\":\"a\\\"b\",\"dns\":{\"rr\\u006eame\":\"x\\\\y\"}}", kWanted));
        QVERIFY(c.has(Ts) && c.has(Name));
        QVERIFY(c[Ts].valueEscaped);
        std::string out;
        const char *why = nullptr;
        QVERIFY(JsonLineScanner::unescape(c[Ts].value, &out, &why));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("a\"b"));
        QVERIFY(JsonLineScanner::unescape(c[Name].value, &out, &why));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("x\\y"));
    }

    void stringsOfEveryLength()
    {
        // Around the eight-byte steps and past the 64-byte short path (memchr): a plain string, one
        // with an escaped quote at every position, and one with a control byte at every position.
        for (int len = 0; len < 150; ++len) {
            const std::string body(size_t(len), 'a');
            JsonFieldCollector c;
            const std::string plain = "{\"ts\":\"" + body + "\",\"dns\":{}}";
            QVERIFY2(c.collect(plain, kWanted), c.error());
            QCOMPARE(int(c[Ts].value.size()), len);
            QVERIFY(!c[Ts].valueEscaped);
            for (int at = 0; at < len; at += 7) {
                std::string escaped = body;
                escaped.replace(size_t(at), 1, "\\\"");
                QVERIFY2(c.collect("{\"ts\":\"" + escaped + "\"}", kWanted), c.error());
                QCOMPARE(int(c[Ts].value.size()), len + 1);
                QVERIFY(c[Ts].valueEscaped);
                std::string control = body;
                control[size_t(at)] = '\t';
                QVERIFY(!c.collect("{\"ts\":\"" + control + "\"}", kWanted));
                QCOMPARE(QString::fromLatin1(c.error()), QStringLiteral("control character inside a JSON string"));
            }
            // Unterminated: the scanner must stop at the end of the line, whatever the length.
            QVERIFY(!c.collect("{\"ts\":\"" + body, kWanted));
            QCOMPARE(QString::fromLatin1(c.error()), QStringLiteral("truncated JSON string"));
        }
    }

    void keysOfEveryLength()
    {
        // Wanted keys up to 16 bytes are compared as words (one masked load up to eight bytes, two
        // overlapping loads up to sixteen), longer ones byte by byte. For each length: the key itself
        // matches, also as the very last member (its masked load would pass the line's end); keys
        // differing only in their first, middle or last byte do not; nor do a key one byte shorter or
        // one longer. An escaped spelling of the key matches through the decoded copy.
        for (size_t len = 1; len <= 20; ++len) {
            std::string key;
            for (size_t i = 0; i < len; ++i)
                key.push_back(char('a' + i));
            const JsonWanted wanted[] = {{key}};
            JsonFieldCollector c;
            QVERIFY2(c.collect("{\"" + key + "\":1}", wanted, 1), c.error());
            QVERIFY2(c.has(0), key.c_str());
            const std::string last = "{\"x\":0,\"" + key + "\":2}"; // values are views into the line
            QVERIFY(c.collect(last, wanted, 1));
            QCOMPARE(text(c[0].value), QStringLiteral("2"));
            for (size_t at : {size_t(0), len / 2, len - 1}) {
                std::string other = key;
                other[at] = 'Z';
                QVERIFY(c.collect("{\"" + other + "\":1}", wanted, 1));
                QVERIFY2(!c.has(0), other.c_str());
            }
            QVERIFY(c.collect("{\"" + key.substr(0, len - 1) + "\":1,\"" + key + "z\":1}", wanted, 1));
            QVERIFY(!c.has(0));
            std::string escaped = "\\u00" + QByteArray::number(int(key[0]), 16).toStdString() + key.substr(1);
            const std::string escapedLine = "{\"" + escaped + "\":3}";
            QVERIFY2(c.collect(escapedLine, wanted, 1), c.error());
            QVERIFY(c.has(0));
            QCOMPARE(text(c[0].value), QStringLiteral("3"));
        }
    }

    void numbersOfEveryLength()
    {
        // Digits are skipped eight at a time: a run of any length must end exactly at its first
        // non-digit (a fraction, an exponent, a comma or a bad byte), whatever its place in the word.
        JsonFieldCollector c;
        for (int len = 1; len <= 40; ++len) {
            const std::string digits = "9" + std::string(size_t(len - 1), '0');
            for (const std::string &number : {digits, "-" + digits, digits + ".5" + digits, digits + "e+" + digits,
                                              "0." + digits, digits + "E7"}) {
                const std::string line = "{\"ts\":" + number + ",\"dns\":{}}";
                QVERIFY2(c.collect(line, kWanted), number.c_str());
                QCOMPARE(text(c[Ts].value), QString::fromStdString(number));
                QCOMPARE(c[Ts].kind, JsonLineScanner::Kind::Number);
                QVERIFY(c.has(Dns));
            }
            // A number cut by a letter, a ':' (one above '9') or a '/' (one below '0') is malformed.
            for (const char bad : {'x', ':', '/', '\x80'}) {
                std::string line = "{\"ts\":" + digits + bad + "}";
                QVERIFY2(!c.collect(line, kWanted), line.c_str());
                QCOMPARE(QString::fromLatin1(c.error()), QStringLiteral("expected ',' or '}' between JSON members"));
                QCOMPARE(c.position(), size_t(6 + len));
            }
            QVERIFY(!c.collect("{\"ts\":" + digits + ".}", kWanted));
            QCOMPARE(QString::fromLatin1(c.error()), QStringLiteral("invalid JSON number"));
        }
    }

    void utf8PassesThrough()
    {
        // Bytes >= 0x80 are neither quotes nor control bytes; invalid UTF-8 is the readers' concern.
        JsonFieldCollector c;
        QVERIFY(c.collect("{\"ts\":\"\xc3\xa9t\xc3\xa9 \xff\xfe bytes that are not UTF-8 at all\"}", kWanted));
        QCOMPARE(int(c[Ts].value.size()), 40);
    }

    void malformedLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("not an object") << QByteArray("[1]") << "not a JSON object (the line does not start with '{')";
        QTest::newRow("truncated in dns") << QByteArray(R"({"dns":{"type":"q")") << "truncated JSON object";
        QTest::newRow("missing comma in dns") << QByteArray(R"({"dns":{"type":"q" "rrname":"x"}})")
                                              << "expected ',' or '}' between JSON members";
        QTest::newRow("garbage after") << QByteArray(R"({"dns":{}} x)") << "data after the end of the JSON object";
        QTest::newRow("unclosed dns") << QByteArray(R"({"dns":{"type":"q"})") << "truncated JSON object";
        QTest::newRow("bad number") << QByteArray(R"({"ts":01})") << "expected ',' or '}' between JSON members";
        QTest::newRow("bad escape in key") << QByteArray("{\"t\\s\":1}") << "bad escape in a JSON string";
        QTest::newRow("deep nesting")
            << (QByteArray(R"({"dns":{"x":)") + QByteArray(100, '[') + QByteArray(100, ']') + "}}")
            << "JSON nested too deeply";
    }

    void malformedLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, error);
        JsonFieldCollector c;
        QVERIFY(!c.collect(std::string_view(line.constData(), size_t(line.size())), kWanted));
        QCOMPARE(QString::fromLatin1(c.error()), error);
        QVERIFY(c.position() <= size_t(line.size()));
    }
};

QTEST_GUILESS_MAIN(TstJsonLineScanner)
#include "tst_jsonlinescanner.moc"
