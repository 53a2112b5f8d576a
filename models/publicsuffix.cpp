#include "publicsuffix.h"

#include <QFile>
#include <QStringList>
#include <QUrl>

namespace dnt {

namespace {

QString toAscii(const QString &rule)
{
    for (QChar c : rule)
        if (c.unicode() > 0x7f)
            return QString::fromLatin1(QUrl::toAce(rule));
    return rule;
}

} // namespace

PublicSuffixList PublicSuffixList::parse(const QByteArray &data)
{
    PublicSuffixList list;
    for (const QByteArray &raw : data.split('\n')) {
        QByteArray line = raw.trimmed();
        // A rule ends at the first white space; "//" starts a comment line.
        const int space = int(line.indexOf(' '));
        if (space >= 0)
            line.truncate(space);
        const int tab = int(line.indexOf('\t'));
        if (tab >= 0)
            line.truncate(tab);
        if (line.isEmpty() || line.startsWith("//"))
            continue;
        QString rule = QString::fromUtf8(line).toLower();
        if (rule.startsWith(QLatin1Char('!')))
            list.m_exceptions.insert(toAscii(rule.mid(1)));
        else if (rule.startsWith(QLatin1String("*.")))
            list.m_wildcards.insert(toAscii(rule.mid(2)));
        else if (rule != QLatin1String("*"))
            list.m_rules.insert(toAscii(rule));
    }
    return list;
}

PublicSuffixList PublicSuffixList::fromFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return {};
    }
    PublicSuffixList list = parse(f.readAll());
    if (list.isEmpty() && error)
        *error = QStringLiteral("%1 holds no public suffix rules").arg(path);
    return list;
}

const PublicSuffixList &PublicSuffixList::system()
{
    static const PublicSuffixList list = fromFile(QString::fromLatin1(kSystemPath), nullptr);
    return list;
}

QString PublicSuffixList::publicSuffix(const QString &input) const
{
    QString name = input.toLower();
    while (name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    if (name.isEmpty())
        return {};
    const QStringList labels = name.split(QLatin1Char('.'));
    const int n = int(labels.size());
    auto suffixFrom = [&](int i) { return labels.mid(i).join(QLatin1Char('.')); };
    // An exception rule prevails over every other rule; the suffix is the rule without its first label.
    for (int i = 0; i < n; ++i)
        if (m_exceptions.contains(suffixFrom(i)))
            return suffixFrom(i + 1);
    // Otherwise the longest matching rule; "*.x" matches any one label in front of x.
    for (int i = 0; i < n; ++i) {
        const QString s = suffixFrom(i);
        if (m_rules.contains(s) || (i + 1 < n && m_wildcards.contains(suffixFrom(i + 1))))
            return s;
    }
    return labels.last(); // the implicit "*" rule
}

QString PublicSuffixList::registrableDomain(const QString &input) const
{
    QString name = input.toLower();
    while (name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    if (name.isEmpty() || input.startsWith(QLatin1Char('.')))
        return {};
    const QString suffix = publicSuffix(name);
    if (suffix.isEmpty() || name.size() <= suffix.size())
        return {};
    const QString rest = name.left(name.size() - suffix.size() - 1);
    const qsizetype dot = rest.lastIndexOf(QLatin1Char('.'));
    return (dot < 0 ? rest : rest.mid(dot + 1)) + QLatin1Char('.') + suffix;
}

} // namespace dnt
