#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace portico::bedrock {

/// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), written here because plugins link against the
/// SDK header only (no OpenSSL), and SigV4 needs nothing more. Tested against the FIPS/RFC 4231
/// vectors in tests/unit/providers/bedrock/Sha256Test.cpp.
using Sha256Digest = std::array<unsigned char, 32>;

/// Incremental hashing, so a caller can feed a body in pieces.
class Sha256 {
public:
    Sha256();
    void update(std::string_view data);
    /// The digest; the object must not be updated afterwards.
    Sha256Digest finish();

private:
    void compress(const unsigned char* block);

    std::array<std::uint32_t, 8> state_;
    std::array<unsigned char, 64> block_{};
    std::size_t block_used_ = 0;
    std::uint64_t total_bytes_ = 0;
};

Sha256Digest sha256(std::string_view data);
Sha256Digest hmacSha256(std::string_view key, std::string_view data);

/// Lower-case hex, the form SigV4 puts in canonical requests and signatures.
std::string toHex(const Sha256Digest& digest);

/// The digest as raw bytes, for chaining HMAC keys.
inline std::string_view bytesOf(const Sha256Digest& digest) {
    return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

}  // namespace portico::bedrock
