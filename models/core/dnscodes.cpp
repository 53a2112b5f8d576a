#include "dnscodes.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace dnt {

namespace {

struct Code
{
    int value;
    std::string_view name;
};

// IANA DNS parameters, "Resource Record (RR) TYPEs", every assigned mnemonic (Debian's glibc
// <arpa/nameser.h> lists the older part of it; tst_dnscodes checks against that header).
constexpr Code kTypes[] = {
    {1, "A"},           {2, "NS"},         {3, "MD"},          {4, "MF"},         {5, "CNAME"},
    {6, "SOA"},         {7, "MB"},         {8, "MG"},          {9, "MR"},         {10, "NULL"},
    {11, "WKS"},        {12, "PTR"},       {13, "HINFO"},      {14, "MINFO"},     {15, "MX"},
    {16, "TXT"},        {17, "RP"},        {18, "AFSDB"},      {19, "X25"},       {20, "ISDN"},
    {21, "RT"},         {22, "NSAP"},      {23, "NSAP-PTR"},   {24, "SIG"},       {25, "KEY"},
    {26, "PX"},         {27, "GPOS"},      {28, "AAAA"},       {29, "LOC"},       {30, "NXT"},
    {31, "EID"},        {32, "NIMLOC"},    {33, "SRV"},        {34, "ATMA"},      {35, "NAPTR"},
    {36, "KX"},         {37, "CERT"},      {38, "A6"},         {39, "DNAME"},     {40, "SINK"},
    {41, "OPT"},        {42, "APL"},       {43, "DS"},         {44, "SSHFP"},     {45, "IPSECKEY"},
    {46, "RRSIG"},      {47, "NSEC"},      {48, "DNSKEY"},     {49, "DHCID"},     {50, "NSEC3"},
    {51, "NSEC3PARAM"}, {52, "TLSA"},      {53, "SMIMEA"},     {55, "HIP"},       {56, "NINFO"},
    {57, "RKEY"},       {58, "TALINK"},    {59, "CDS"},        {60, "CDNSKEY"},   {61, "OPENPGPKEY"},
    {62, "CSYNC"},      {63, "ZONEMD"},    {64, "SVCB"},       {65, "HTTPS"},     {66, "DSYNC"},
    {99, "SPF"},        {100, "UINFO"},    {101, "UID"},       {102, "GID"},      {103, "UNSPEC"},
    {104, "NID"},       {105, "L32"},      {106, "L64"},       {107, "LP"},       {108, "EUI48"},
    {109, "EUI64"},     {128, "NXNAME"},   {249, "TKEY"},      {250, "TSIG"},     {251, "IXFR"},
    {252, "AXFR"},      {253, "MAILB"},    {254, "MAILA"},     {255, "ANY"},      {256, "URI"},
    {257, "CAA"},       {258, "AVC"},      {259, "DOA"},       {260, "AMTRELAY"}, {261, "RESINFO"},
    {262, "WALLET"},    {263, "CLA"},      {264, "IPN"},       {32768, "TA"},     {32769, "DLV"},
};

// IANA DNS parameters, "DNS RCODEs" (16 is BADVERS in the OPT record, BADSIG in TSIG: logs say BADVERS).
constexpr Code kRcodes[] = {
    {0, "NOERROR"},  {1, "FORMERR"}, {2, "SERVFAIL"}, {3, "NXDOMAIN"},   {4, "NOTIMP"},    {5, "REFUSED"},
    {6, "YXDOMAIN"}, {7, "YXRRSET"}, {8, "NXRRSET"},  {9, "NOTAUTH"},    {10, "NOTZONE"},  {11, "DSOTYPENI"},
    {16, "BADVERS"}, {17, "BADKEY"}, {18, "BADTIME"}, {19, "BADMODE"},   {20, "BADNAME"},  {21, "BADALG"},
    {22, "BADTRUNC"}, {23, "BADCOOKIE"},
};
// Other spellings logs and people use.
constexpr Code kTypeAliases[] = {{255, "*"}};
constexpr Code kRcodeAliases[] = {{4, "NOTIMPL"}, {16, "BADSIG"}};

std::string_view nameOf(const Code *begin, const Code *end, int value)
{
    const Code *it = std::lower_bound(begin, end, value, [](const Code &c, int v) { return c.value < v; });
    return it != end && it->value == value ? it->name : std::string_view();
}

// Upper-cases name into buf (at most 16 characters, the longest mnemonic is 10); false if longer.
bool upper(std::string_view name, std::array<char, 16> *buf, std::string_view *out)
{
    if (name.empty() || name.size() > buf->size())
        return false;
    for (size_t i = 0; i < name.size(); ++i)
        (*buf)[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[i])));
    *out = std::string_view(buf->data(), name.size());
    return true;
}

std::optional<int> number(std::string_view digits, int max)
{
    if (digits.empty() || digits.size() > 5)
        return std::nullopt;
    int v = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v <= max ? std::optional<int>(v) : std::nullopt;
}

// value of key in table or aliases, or of "<prefix>N" (generic form), or nullopt.
template <size_t N, size_t M>
std::optional<int> valueOf(const Code (&table)[N], const Code (&aliases)[M], std::string_view key,
                           std::string_view prefix, int max)
{
    for (const Code &c : table)
        if (c.name == key)
            return c.value;
    for (const Code &c : aliases)
        if (c.name == key)
            return c.value;
    if (key.size() > prefix.size() && key.substr(0, prefix.size()) == prefix)
        return number(key.substr(prefix.size()), max);
    return std::nullopt;
}

} // namespace

std::string_view qtypeName(int qtype)
{
    return nameOf(std::begin(kTypes), std::end(kTypes), qtype);
}

std::string_view rcodeName(int rcode)
{
    return nameOf(std::begin(kRcodes), std::end(kRcodes), rcode);
}

QString qtypeLabel(int qtype)
{
    if (qtype == 0)
        return {};
    const std::string_view name = qtypeName(qtype);
    return name.empty() ? QStringLiteral("TYPE%1").arg(qtype) : QString::fromLatin1(name.data(), qsizetype(name.size()));
}

QString rcodeLabel(int rcode)
{
    if (rcode < 0)
        return {};
    const std::string_view name = rcodeName(rcode);
    return name.empty() ? QStringLiteral("RCODE%1").arg(rcode) : QString::fromLatin1(name.data(), qsizetype(name.size()));
}

uint16_t qtypeFromName(std::string_view name)
{
    std::array<char, 16> buf;
    std::string_view key;
    if (!upper(name, &buf, &key))
        return 0;
    // Most lines of a log ask for one of these two: skip the scan.
    if (key == "A")
        return 1;
    if (key == "AAAA")
        return 28;
    return static_cast<uint16_t>(valueOf(kTypes, kTypeAliases, key, "TYPE", 65535).value_or(0));
}

int rcodeFromName(std::string_view name)
{
    std::array<char, 16> buf;
    std::string_view key;
    if (!upper(name, &buf, &key))
        return -1;
    return valueOf(kRcodes, kRcodeAliases, key, "RCODE", 4095).value_or(-1);
}

std::optional<int> qtypeFromText(const QString &text)
{
    const QByteArray t = text.trimmed().toLatin1();
    if (const auto n = number(std::string_view(t.constData(), size_t(t.size())), 65535))
        return n;
    const uint16_t v = qtypeFromName(std::string_view(t.constData(), size_t(t.size())));
    return v ? std::optional<int>(v) : std::nullopt;
}

std::optional<int> rcodeFromText(const QString &text)
{
    const QByteArray t = text.trimmed().toLatin1();
    if (const auto n = number(std::string_view(t.constData(), size_t(t.size())), 4095))
        return n;
    const int v = rcodeFromName(std::string_view(t.constData(), size_t(t.size())));
    return v >= 0 ? std::optional<int>(v) : std::nullopt;
}

std::vector<std::pair<int, std::string_view>> qtypeNames()
{
    std::vector<std::pair<int, std::string_view>> out;
    for (const Code &c : kTypes)
        out.emplace_back(c.value, c.name);
    return out;
}

std::vector<std::pair<int, std::string_view>> rcodeNames()
{
    std::vector<std::pair<int, std::string_view>> out;
    for (const Code &c : kRcodes)
        out.emplace_back(c.value, c.name);
    return out;
}

} // namespace dnt
