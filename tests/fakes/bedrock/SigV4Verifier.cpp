#include "bedrock/SigV4Verifier.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <vector>

#include <cctype>

namespace portico::fakes::bedrock {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256 ";

std::string hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) out.append({kDigits[bytes[i] >> 4], kDigits[bytes[i] & 0xF]});
    return out;
}

std::string sha256Hex(std::string_view data) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
    return hex(digest, sizeof digest);
}

std::string hmac(std::string_view key, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), out, &size);
    return std::string(reinterpret_cast<const char*>(out), size);
}

/// The raw path percent-encoded once more, keeping unreserved bytes and '/'.
std::string canonicalUri(std::string_view path) {
    std::string out;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '_' || c == '.' || c == '~' || c == '/';
        if (keep) out.push_back(c);
        else out.append("%").append(hex(&byte, 1));
    }
    // SigV4 wants upper-case hex in escapes.
    for (std::size_t i = 0; i < out.size(); ++i)
        if (out[i] == '%') {
            out[i + 1] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i + 1])));
            out[i + 2] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i + 2])));
        }
    return out;
}

std::string collapsed(std::string_view value) {
    std::string out;
    bool space = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        parts.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

/// "Credential=a, SignedHeaders=b, Signature=c" -> the three values (empty when missing).
struct Parsed {
    std::string credential, signed_headers, signature;
};

Parsed parse(std::string_view fields) {
    Parsed parsed;
    for (std::string field : split(fields, ',')) {
        field = collapsed(field);
        const std::size_t eq = field.find('=');
        if (eq == std::string::npos) continue;
        const std::string name = field.substr(0, eq), value = field.substr(eq + 1);
        if (name == "Credential") parsed.credential = value;
        else if (name == "SignedHeaders") parsed.signed_headers = value;
        else if (name == "Signature") parsed.signature = value;
    }
    return parsed;
}

bool isLowerHex64(std::string_view text) {
    return text.size() == 64 &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

const AuthFailure kMismatch{"InvalidSignatureException",
                            "The request signature we calculated does not match the signature you provided. Check your AWS "
                            "Secret Access Key and signing method. Consult the service documentation for details."};

}  // namespace

AuthFailure verifyAuthorization(const Poco::Net::HTTPServerRequest& request, const std::string& body) {
    const std::string authorization = request.get("Authorization", "");
    if (authorization.starts_with("Bearer ")) {
        if (authorization.substr(7) == kApiKey) return {};
        return {"UnrecognizedClientException", "The security token included in the request is invalid."};
    }
    if (!authorization.starts_with(kAlgorithm))
        return {"MissingAuthenticationTokenException", "Missing Authentication Token"};
    const Parsed parsed = parse(std::string_view(authorization).substr(kAlgorithm.size()));
    const std::vector<std::string> scope = split(parsed.credential, '/');
    const std::string amz_date = request.get("X-Amz-Date", "");
    if (scope.size() != 5 || scope[4] != "aws4_request" || parsed.signed_headers.empty() || !isLowerHex64(parsed.signature) ||
        amz_date.size() != 16)
        return {"IncompleteSignatureException",
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters, and X-Amz-Date."};
    if (scope[0] != kAccessKeyId) return {"UnrecognizedClientException", "The security token included in the request is invalid."};
    if (scope[3] != "bedrock")
        return {"InvalidSignatureException", "Credential should be scoped to correct service: 'bedrock'."};
    if (scope[1] != amz_date.substr(0, 8))
        return {"InvalidSignatureException", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP."};
    const std::vector<std::string> names = split(parsed.signed_headers, ';');
    if (std::find(names.begin(), names.end(), "host") == names.end() ||
        std::find(names.begin(), names.end(), "x-amz-date") == names.end() || !std::is_sorted(names.begin(), names.end()))
        return {"InvalidSignatureException", "'Host' and 'X-Amz-Date' must be signed, in sorted order."};
    if (request.has("X-Amz-Security-Token") &&
        std::find(names.begin(), names.end(), "x-amz-security-token") == names.end())
        return {"InvalidSignatureException", "'X-Amz-Security-Token' must be signed."};

    const std::string& uri = request.getURI();
    const std::size_t question = uri.find('?');
    std::string canonical = request.getMethod() + "\n" + canonicalUri(std::string_view(uri).substr(0, question)) + "\n" +
                            (question == std::string::npos ? "" : uri.substr(question + 1)) + "\n";
    for (const std::string& name : names) {
        if (!request.has(name)) return kMismatch;
        canonical.append(name).append(":").append(collapsed(request.get(name))).append("\n");
    }
    canonical.append("\n").append(parsed.signed_headers).append("\n").append(sha256Hex(body));

    const std::string date = scope[1], region = scope[2];
    const std::string string_to_sign =
        "AWS4-HMAC-SHA256\n" + amz_date + "\n" + date + "/" + region + "/bedrock/aws4_request\n" + sha256Hex(canonical);
    std::string key = hmac(std::string("AWS4") + kSecretAccessKey, date);
    for (const std::string_view part : {std::string_view(region), std::string_view("bedrock"), std::string_view("aws4_request")})
        key = hmac(key, part);
    const std::string raw = hmac(key, string_to_sign);
    const std::string expected = hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
    if (CRYPTO_memcmp(expected.data(), parsed.signature.data(), expected.size()) != 0) return kMismatch;
    return {};
}

}  // namespace portico::fakes::bedrock
