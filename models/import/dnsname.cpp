#include "reader.h"

#include <QStringDecoder>
#include <QUrl>

namespace dnt
{

bool normalizeDnsName(std::string_view in, std::string *out, const char **reason)
{
    out->clear();
    if (in == ".") {
        out->push_back('.'); // the root, as in priming queries
        return true;
    }
    if (!in.empty() && in.back() == '.')
        in.remove_suffix(1);
    if (in.empty()) {
        *reason = "empty query name";
        return false;
    }
    bool ascii = true;
    for (unsigned char c : in) {
        if (c < 0x20 || c == 0x7f) {
            *reason = "control character in the query name";
            return false;
        }
        if (c >= 0x80)
            ascii = false;
    }
    if (ascii) {
        out->assign(in);
        for (char &c : *out)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
    } else {
        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString text = decoder(QByteArrayView(in.data(), static_cast<qsizetype>(in.size())));
        if (decoder.hasError()) {
            *reason = "invalid UTF-8 in the query name";
            return false;
        }
        // Internationalised names are kept in their ASCII (xn--) form.
        const QByteArray ace = QUrl::toAce(text.toLower());
        if (ace.isEmpty()) {
            *reason = "the query name is not a valid internationalised domain name";
            return false;
        }
        out->assign(ace.constData(), static_cast<size_t>(ace.size()));
        for (char &c : *out)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
    }
    if (out->size() > 253) {
        *reason = "query name longer than 253 characters";
        return false;
    }
    size_t labelStart = 0;
    for (size_t i = 0; i <= out->size(); ++i) {
        if (i == out->size() || (*out)[i] == '.') {
            const size_t len = i - labelStart;
            if (len == 0) {
                *reason = "empty label in the query name";
                return false;
            }
            if (len > 63) {
                *reason = "label longer than 63 bytes in the query name";
                return false;
            }
            labelStart = i + 1;
        }
    }
    return true;
}

} // namespace dnt
