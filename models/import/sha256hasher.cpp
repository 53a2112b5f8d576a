#include "sha256hasher.h"

#include <openssl/evp.h>

namespace dnt {

Sha256Hasher::Sha256Hasher() : m_ctx(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr);
}

Sha256Hasher::~Sha256Hasher()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256Hasher::addData(const char *data, int64_t size)
{
    if (size > 0)
        EVP_DigestUpdate(m_ctx, data, static_cast<size_t>(size));
}

QByteArray Sha256Hasher::resultHex()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_ctx, digest, &length);
    return QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length)).toHex();
}

} // namespace dnt
