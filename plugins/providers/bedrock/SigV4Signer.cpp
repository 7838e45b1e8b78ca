#include "SigV4Signer.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

#include "Sha256.h"

namespace portico::bedrock {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

/// Key derivation chains HMACs over raw bytes; a string keeps each step's key alive.
std::string hmac(std::string_view key, std::string_view data) { return std::string(bytesOf(hmacSha256(key, data))); }

/// RFC 3986 unreserved, spelled out rather than std::isalnum, which depends on the locale.
bool unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~';
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// Trims and collapses runs of spaces, as the canonical-headers rule asks.
std::string canonicalValue(std::string_view value) {
    std::string out;
    bool pending_space = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(c);
    }
    return out;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percentDecode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int high = hexValue(text[i + 1]);
            const int low = hexValue(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

/// RFC 3986 remove_dot_segments on a path of '/'-separated segments.
std::string withoutDotSegments(std::string_view path) {
    std::vector<std::string_view> kept;
    std::size_t start = 1;  // path begins with '/'
    const bool trailing_slash = path.size() > 1 && path.back() == '/';
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view segment = path.substr(start, end - start);
        if (segment == "..") {
            if (!kept.empty()) kept.pop_back();
        } else if (segment != "." && !(segment.empty() && end == path.size())) {
            kept.push_back(segment);
        }
        start = end + 1;
    }
    std::string out;
    for (const auto segment : kept) out.append("/").append(segment);
    if (out.empty() || trailing_slash) out.push_back('/');
    return out;
}

std::string canonicalQuery(std::string_view query) {
    std::vector<std::pair<std::string, std::string>> pairs;
    while (!query.empty()) {
        const std::size_t amp = std::min(query.find('&'), query.size());
        const std::string_view pair = query.substr(0, amp);
        if (!pair.empty()) {
            const std::size_t eq = std::min(pair.find('='), pair.size());
            const std::string_view value = eq < pair.size() ? pair.substr(eq + 1) : std::string_view();
            pairs.emplace_back(uriEncode(percentDecode(pair.substr(0, eq)), false), uriEncode(percentDecode(value), false));
        }
        query.remove_prefix(std::min(amp + 1, query.size()));
    }
    std::sort(pairs.begin(), pairs.end());
    std::string out;
    for (const auto& [key, value] : pairs) out.append(out.empty() ? "" : "&").append(key).append("=").append(value);
    return out;
}

}  // namespace

std::string sha256Hex(std::string_view data) { return toHex(sha256(data)); }

std::string uriEncode(std::string_view text, bool keep_slash) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (unreserved(c) || (keep_slash && c == '/')) {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kDigits[byte >> 4]);
            out.push_back(kDigits[byte & 0xF]);
        }
    }
    return out;
}

std::string amzDate(std::chrono::system_clock::time_point now) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[17];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

SignedRequest signV4(const AwsCredentials& credentials, const SigningOptions& options, const SigningInput& input,
                     std::chrono::system_clock::time_point now) {
    const std::string date_time = amzDate(now);
    const std::string date = date_time.substr(0, 8);
    const std::string body_hash = sha256Hex(input.body);

    SignedRequest signed_request;
    signed_request.added_headers.emplace_back("X-Amz-Date", date_time);
    if (!credentials.session_token.empty())
        signed_request.added_headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
    if (options.sign_body_hash) signed_request.added_headers.emplace_back("x-amz-content-sha256", body_hash);

    // Lower-cased names in sorted order; repeated headers join with ',' in the order given.
    std::map<std::string, std::string> canonical;
    const auto addHeader = [&canonical](std::string_view name, std::string_view value) {
        auto [it, fresh] = canonical.try_emplace(lower(name), canonicalValue(value));
        if (!fresh) it->second.append(",").append(canonicalValue(value));
    };
    for (const auto& [name, value] : input.headers) addHeader(name, value);
    for (const auto& [name, value] : signed_request.added_headers) addHeader(name, value);

    std::string header_block, signed_names;
    for (const auto& [name, value] : canonical) {
        header_block.append(name).append(":").append(value).append("\n");
        signed_names.append(signed_names.empty() ? "" : ";").append(name);
    }

    signed_request.canonical_request = std::string(input.method) + "\n" +
                                       uriEncode(withoutDotSegments(input.path.empty() ? "/" : input.path), true) + "\n" +
                                       canonicalQuery(input.query) + "\n" + header_block + "\n" + signed_names + "\n" +
                                       body_hash;

    const std::string scope = date + "/" + options.region + "/" + options.service + "/aws4_request";
    signed_request.string_to_sign = std::string(kAlgorithm) + "\n" + date_time + "\n" + scope + "\n" +
                                    sha256Hex(signed_request.canonical_request);

    const std::string k_date = hmac("AWS4" + credentials.secret_access_key, date);
    const std::string k_region = hmac(k_date, options.region);
    const std::string k_service = hmac(k_region, options.service);
    const std::string k_signing = hmac(k_service, "aws4_request");
    signed_request.signature = toHex(hmacSha256(k_signing, signed_request.string_to_sign));

    signed_request.added_headers.emplace_back(
        "Authorization", std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + "/" + scope +
                             ", SignedHeaders=" + signed_names + ", Signature=" + signed_request.signature);
    return signed_request;
}

}  // namespace portico::bedrock
