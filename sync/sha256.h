#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

struct evp_md_ctx_st;

// Incremental SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA extensions where
// there are some: the inventory checksum hashes about 7 MB for 100,000 products, 7 ms here
// against 54 ms with QCryptographicHash (Qt 6.4's portable implementation).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    // The 32-byte digest; the hash starts over afterwards.
    QByteArray result();

    static QByteArray hash(QByteArrayView data);

private:
    struct Free
    {
        void operator()(evp_md_ctx_st *ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, Free> m_ctx;
};
