#include "sha256.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

namespace {
[[noreturn]] void fail(const char *what)
{
    // Only when libcrypto cannot allocate or has no SHA-256: nothing sensible to go on with.
    std::fprintf(stderr, "SHA-256 unavailable: %s failed\n", what);
    std::abort();
}
} // namespace

void Sha256::Free::operator()(evp_md_ctx_st *ctx) const
{
    EVP_MD_CTX_free(ctx);
}

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    if (!m_ctx)
        fail("EVP_MD_CTX_new");
    if (EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1)
        fail("EVP_DigestInit_ex");
}

Sha256::~Sha256() = default;

void Sha256::addData(QByteArrayView data)
{
    if (!data.isEmpty() && EVP_DigestUpdate(m_ctx.get(), data.data(), size_t(data.size())) != 1)
        fail("EVP_DigestUpdate");
}

QByteArray Sha256::result()
{
    QByteArray out(EVP_MAX_MD_SIZE, '\0');
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &length) !=
            1 ||
        EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1)
        fail("EVP_DigestFinal_ex");
    out.truncate(int(length));
    return out;
}

QByteArray Sha256::hash(QByteArrayView data)
{
    Sha256 h;
    h.addData(data);
    return h.result();
}
