// SHA-256 against FIPS 180-4's examples and HMAC-SHA256 against RFC 4231's test cases: SigV4 is
// only as right as these.
#include <gtest/gtest.h>

#include <string>

#include "Sha256.h"

namespace portico::bedrock {
namespace {

TEST(Sha256Test, FipsExamples) {
    EXPECT_EQ(toHex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(toHex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(toHex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(toHex(sha256(std::string(1000000, 'a'))),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, PaddingBoundariesAndPiecewiseUpdatesAgree) {
    // 55, 56 and 64 bytes straddle the one-block / two-block padding boundary.
    for (const std::size_t size : {55u, 56u, 63u, 64u, 65u, 119u, 120u}) {
        const std::string data(size, 'x');
        Sha256 piecewise;
        for (const char c : data) piecewise.update(std::string_view(&c, 1));
        EXPECT_EQ(toHex(piecewise.finish()), toHex(sha256(data))) << size;
    }
}

TEST(Sha256Test, HmacRfc4231) {
    EXPECT_EQ(toHex(hmacSha256(std::string(20, '\x0b'), "Hi There")),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(toHex(hmacSha256("Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Case 6: a key longer than the block is hashed first.
    EXPECT_EQ(toHex(hmacSha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

}  // namespace
}  // namespace portico::bedrock
