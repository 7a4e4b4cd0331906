/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The only place the core touches OpenSSL: every primitive goes through the
 * OpenSSL 3 EVP / EVP_MAC interfaces.
 */
#ifndef ROAMSEC_CRYPTO_H
#define ROAMSEC_CRYPTO_H

#include "roamsec-bytes.h"

#include <memory>
#include <optional>

namespace roamsec {

/** An OpenSSL call failed (out of memory, provider missing): a fault of the host, not of input. */
class CryptoError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

Bytes Sha1(const Bytes& data);
Bytes Sha256(const Bytes& data);
Bytes Md5(const Bytes& data);

Bytes HmacSha1(const Bytes& key, const Bytes& data);
Bytes HmacSha256(const Bytes& key, const Bytes& data);
Bytes HmacMd5(const Bytes& key, const Bytes& data);

/**
 * AES-128 single-block encryption with a fixed key (Milenage's E_K, AES-CTR-free uses).
 * The key schedule is computed once.
 */
class Aes128Block
{
public:
    explicit Aes128Block(const Bytes& key);
    ~Aes128Block();
    Aes128Block(const Aes128Block&) = delete;
    Aes128Block& operator=(const Aes128Block&) = delete;

    /** Encrypts one 16-byte block. */
    Bytes Encrypt(const Bytes& block) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/** AES-CBC without padding; key 16/24/32 bytes, IV 16 bytes, input a multiple of 16 bytes. */
Bytes AesCbcEncrypt(const Bytes& key, const Bytes& iv, const Bytes& plaintext);
Bytes AesCbcDecrypt(const Bytes& key, const Bytes& iv, const Bytes& ciphertext);

/** AES-128-CMAC (NIST SP 800-38B, RFC 4493): 16-byte key, 16-byte MAC. */
Bytes AesCmac128(const Bytes& key, const Bytes& data);

/** RFC 3394 AES key wrap (default IV A6A6A6A6A6A6A6A6); input a multiple of 8 bytes, >= 16. */
Bytes AesKeyWrap(const Bytes& kek, const Bytes& plaintext);
/** RFC 3394 unwrap; std::nullopt when the integrity check fails or the length is wrong. */
std::optional<Bytes> AesKeyUnwrap(const Bytes& kek, const Bytes& ciphertext);

/**
 * Source of nonces and random challenges. Injectable so that simulations are
 * reproducible (the ns-3 adapter feeds the simulator's seeded stream) while
 * real deployments use a CSPRNG.
 */
class RandomSource
{
public:
    virtual ~RandomSource() = default;
    virtual void Fill(uint8_t* out, size_t len) = 0;
    Bytes Generate(size_t len);
};

/** OpenSSL's CSPRNG (RAND_bytes). */
class CsprngRandomSource : public RandomSource
{
public:
    void Fill(uint8_t* out, size_t len) override;
};

/**
 * Deterministic generator: block i = SHA-256(seed || i). Reproducible and
 * uniform, for tests and simulations; never for real keys.
 */
class SeededRandomSource : public RandomSource
{
public:
    explicit SeededRandomSource(uint64_t seed);
    explicit SeededRandomSource(const Bytes& seed);
    void Fill(uint8_t* out, size_t len) override;

private:
    Bytes m_seed;
    uint64_t m_counter{0};
    Bytes m_pool;
    size_t m_poolPos{0};
};

} // namespace roamsec

#endif // ROAMSEC_CRYPTO_H
