/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roamsec-crypto.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

namespace roamsec {

namespace {

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

CipherCtx
NewCipherCtx()
{
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
    {
        throw CryptoError("EVP_CIPHER_CTX_new failed");
    }
    return ctx;
}

Bytes
Digest(const EVP_MD* md, const Bytes& data)
{
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1)
    {
        throw CryptoError("EVP_Digest failed");
    }
    out.resize(len);
    return out;
}

Bytes
Hmac(const char* digestName, const Bytes& key, const Bytes& data)
{
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr)
    {
        throw CryptoError("EVP_MAC_fetch(HMAC) failed");
    }
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);
    if (ctx == nullptr)
    {
        throw CryptoError("EVP_MAC_CTX_new failed");
    }
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digestName), 0),
        OSSL_PARAM_construct_end()};
    // An empty key is legal for HMAC; OpenSSL wants a non-null pointer.
    static const uint8_t emptyKey[1] = {0};
    const uint8_t* keyPtr = key.empty() ? emptyKey : key.data();
    Bytes out(EVP_MAX_MD_SIZE);
    size_t outLen = 0;
    bool ok = EVP_MAC_init(ctx, keyPtr, key.size(), params) == 1
              && EVP_MAC_update(ctx, data.data(), data.size()) == 1
              && EVP_MAC_final(ctx, out.data(), &outLen, out.size()) == 1;
    EVP_MAC_CTX_free(ctx);
    if (!ok)
    {
        throw CryptoError(std::string("HMAC-") + digestName + " failed");
    }
    out.resize(outLen);
    return out;
}

const EVP_CIPHER*
AesCbcCipher(size_t keyLen)
{
    switch (keyLen)
    {
        case 16:
            return EVP_aes_128_cbc();
        case 24:
            return EVP_aes_192_cbc();
        case 32:
            return EVP_aes_256_cbc();
        default:
            throw std::invalid_argument("AES key must be 16, 24 or 32 bytes");
    }
}

Bytes
AesCbc(bool encrypt, const Bytes& key, const Bytes& iv, const Bytes& in)
{
    if (iv.size() != 16)
    {
        throw std::invalid_argument("AES-CBC IV must be 16 bytes");
    }
    if (in.size() % 16 != 0)
    {
        throw std::invalid_argument("AES-CBC input must be a multiple of 16 bytes");
    }
    auto ctx = NewCipherCtx();
    Bytes out(in.size() + 16);
    int len1 = 0;
    int len2 = 0;
    if (EVP_CipherInit_ex(ctx.get(), AesCbcCipher(key.size()), nullptr, key.data(), iv.data(),
                          encrypt ? 1 : 0)
            != 1
        || EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1
        || EVP_CipherUpdate(ctx.get(), out.data(), &len1, in.data(), static_cast<int>(in.size()))
               != 1
        || EVP_CipherFinal_ex(ctx.get(), out.data() + len1, &len2) != 1)
    {
        throw CryptoError("AES-CBC failed");
    }
    out.resize(static_cast<size_t>(len1 + len2));
    return out;
}

const EVP_CIPHER*
AesWrapCipher(size_t keyLen)
{
    switch (keyLen)
    {
        case 16:
            return EVP_aes_128_wrap();
        case 24:
            return EVP_aes_192_wrap();
        case 32:
            return EVP_aes_256_wrap();
        default:
            throw std::invalid_argument("AES key-wrap KEK must be 16, 24 or 32 bytes");
    }
}

} // namespace

Bytes
Sha1(const Bytes& data)
{
    return Digest(EVP_sha1(), data);
}

Bytes
Sha256(const Bytes& data)
{
    return Digest(EVP_sha256(), data);
}

Bytes
Md5(const Bytes& data)
{
    return Digest(EVP_md5(), data);
}

Bytes
HmacSha1(const Bytes& key, const Bytes& data)
{
    return Hmac("SHA1", key, data);
}

Bytes
HmacSha256(const Bytes& key, const Bytes& data)
{
    return Hmac("SHA256", key, data);
}

Bytes
HmacMd5(const Bytes& key, const Bytes& data)
{
    return Hmac("MD5", key, data);
}

Bytes
AesCmac128(const Bytes& key, const Bytes& data)
{
    if (key.size() != 16)
    {
        throw std::invalid_argument("AES-128-CMAC key must be 16 bytes");
    }
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
    if (mac == nullptr)
    {
        throw CryptoError("EVP_MAC_fetch(CMAC) failed");
    }
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);
    if (ctx == nullptr)
    {
        throw CryptoError("EVP_MAC_CTX_new failed");
    }
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER,
                                                            const_cast<char*>("AES-128-CBC"),
                                                            0),
                           OSSL_PARAM_construct_end()};
    Bytes out(16);
    size_t outLen = 0;
    static const uint8_t empty[1] = {0};
    bool ok = EVP_MAC_init(ctx, key.data(), key.size(), params) == 1
              && EVP_MAC_update(ctx, data.empty() ? empty : data.data(), data.size()) == 1
              && EVP_MAC_final(ctx, out.data(), &outLen, out.size()) == 1;
    EVP_MAC_CTX_free(ctx);
    if (!ok || outLen != 16)
    {
        throw CryptoError("AES-128-CMAC failed");
    }
    return out;
}

struct Aes128Block::Impl
{
    CipherCtx ctx;
};

Aes128Block::Aes128Block(const Bytes& key)
    : m_impl(std::make_unique<Impl>())
{
    if (key.size() != 16)
    {
        throw std::invalid_argument("AES-128 key must be 16 bytes");
    }
    m_impl->ctx = NewCipherCtx();
    if (EVP_EncryptInit_ex(m_impl->ctx.get(), EVP_aes_128_ecb(), nullptr, key.data(), nullptr) != 1
        || EVP_CIPHER_CTX_set_padding(m_impl->ctx.get(), 0) != 1)
    {
        throw CryptoError("AES-128-ECB init failed");
    }
}

Aes128Block::~Aes128Block() = default;

Bytes
Aes128Block::Encrypt(const Bytes& block) const
{
    if (block.size() != 16)
    {
        throw std::invalid_argument("AES block must be 16 bytes");
    }
    Bytes out(16);
    int len = 0;
    if (EVP_EncryptUpdate(m_impl->ctx.get(), out.data(), &len, block.data(), 16) != 1 || len != 16)
    {
        throw CryptoError("AES-128-ECB encrypt failed");
    }
    return out;
}

Bytes
AesCbcEncrypt(const Bytes& key, const Bytes& iv, const Bytes& plaintext)
{
    return AesCbc(true, key, iv, plaintext);
}

Bytes
AesCbcDecrypt(const Bytes& key, const Bytes& iv, const Bytes& ciphertext)
{
    return AesCbc(false, key, iv, ciphertext);
}

Bytes
AesKeyWrap(const Bytes& kek, const Bytes& plaintext)
{
    if (plaintext.size() < 16 || plaintext.size() % 8 != 0)
    {
        throw std::invalid_argument("AES key wrap input must be >= 16 bytes and a multiple of 8");
    }
    auto ctx = NewCipherCtx();
    EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    Bytes out(plaintext.size() + 8 + 16);
    int len1 = 0;
    int len2 = 0;
    if (EVP_EncryptInit_ex(ctx.get(), AesWrapCipher(kek.size()), nullptr, kek.data(), nullptr) != 1
        || EVP_EncryptUpdate(ctx.get(), out.data(), &len1, plaintext.data(),
                             static_cast<int>(plaintext.size()))
               != 1
        || EVP_EncryptFinal_ex(ctx.get(), out.data() + len1, &len2) != 1)
    {
        throw CryptoError("AES key wrap failed");
    }
    out.resize(static_cast<size_t>(len1 + len2));
    return out;
}

std::optional<Bytes>
AesKeyUnwrap(const Bytes& kek, const Bytes& ciphertext)
{
    if (ciphertext.size() < 24 || ciphertext.size() % 8 != 0)
    {
        return std::nullopt;
    }
    auto ctx = NewCipherCtx();
    EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    Bytes out(ciphertext.size() + 16);
    int len1 = 0;
    int len2 = 0;
    if (EVP_DecryptInit_ex(ctx.get(), AesWrapCipher(kek.size()), nullptr, kek.data(), nullptr) != 1)
    {
        throw CryptoError("AES key unwrap init failed");
    }
    // A failed integrity check is reported by the update call: that is bad input, not a fault.
    if (EVP_DecryptUpdate(ctx.get(), out.data(), &len1, ciphertext.data(),
                          static_cast<int>(ciphertext.size()))
            != 1
        || EVP_DecryptFinal_ex(ctx.get(), out.data() + len1, &len2) != 1)
    {
        return std::nullopt;
    }
    out.resize(static_cast<size_t>(len1 + len2));
    return out;
}

Bytes
RandomSource::Generate(size_t len)
{
    Bytes out(len);
    if (len > 0)
    {
        Fill(out.data(), len);
    }
    return out;
}

void
CsprngRandomSource::Fill(uint8_t* out, size_t len)
{
    if (RAND_bytes(out, static_cast<int>(len)) != 1)
    {
        throw CryptoError("RAND_bytes failed");
    }
}

SeededRandomSource::SeededRandomSource(uint64_t seed)
{
    ByteWriter w;
    w.U64(seed);
    m_seed = w.Take();
}

SeededRandomSource::SeededRandomSource(const Bytes& seed)
    : m_seed(seed)
{}

void
SeededRandomSource::Fill(uint8_t* out, size_t len)
{
    for (size_t i = 0; i < len; ++i)
    {
        if (m_poolPos == m_pool.size())
        {
            ByteWriter w;
            w.Append(m_seed).U64(m_counter++);
            m_pool = Sha256(w.Data());
            m_poolPos = 0;
        }
        out[i] = m_pool[m_poolPos++];
    }
}

} // namespace roamsec
