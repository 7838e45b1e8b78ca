#include "config/YamlScalar.h"

#include <charconv>
#include <limits>

#include "core/Json.h"

namespace portico::config {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isOctalDigit(char c) { return c >= '0' && c <= '7'; }
bool isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool allOf(std::string_view text, bool (*pred)(char)) {
    if (text.empty()) return false;
    for (const char c : text)
        if (!pred(c)) return false;
    return true;
}

std::string_view withoutSign(std::string_view text) {
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
    return text;
}

bool isInfinity(std::string_view text) {
    const std::string_view body = withoutSign(text);
    return body == ".inf" || body == ".Inf" || body == ".INF";
}

bool isNan(std::string_view text) { return text == ".nan" || text == ".NaN" || text == ".NAN"; }

/// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool isCoreFloat(std::string_view text) {
    std::string_view rest = withoutSign(text);
    std::size_t int_digits = 0;
    while (int_digits < rest.size() && isDigit(rest[int_digits])) ++int_digits;
    rest.remove_prefix(int_digits);
    std::size_t frac_digits = 0;
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        while (frac_digits < rest.size() && isDigit(rest[frac_digits])) ++frac_digits;
        rest.remove_prefix(frac_digits);
        if (int_digits == 0 && frac_digits == 0) return false;
    } else if (int_digits == 0) {
        return false;
    }
    if (rest.empty()) return true;
    if (rest.front() != 'e' && rest.front() != 'E') return false;
    return allOf(withoutSign(rest.substr(1)), isDigit);
}

std::optional<unsigned long long> parseUnsigned(std::string_view digits, int base) {
    unsigned long long value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return value;
}

std::string_view stripLeadingZeros(std::string_view digits) {
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    return digits;
}

void appendIntJson(std::string& out, std::string_view text) {
    if (text.starts_with("0x") || text.starts_with("0o")) {
        const auto value = parseUnsigned(text.substr(2), text[1] == 'x' ? 16 : 8);
        if (value) out += std::to_string(*value);
        else core::appendJsonString(out, text);  // beyond 64 bits: keep the spelling, lose nothing
        return;
    }
    if (text.front() == '-') out.push_back('-');
    out.append(stripLeadingZeros(withoutSign(text)));
}

void appendFloatJson(std::string& out, std::string_view text) {
    if (text.front() == '-') out.push_back('-');
    std::string_view rest = withoutSign(text);
    const std::size_t mantissa_end = rest.find_first_of("eE");
    std::string_view mantissa = rest.substr(0, mantissa_end);
    const std::string_view exponent = mantissa_end == std::string_view::npos ? "" : rest.substr(mantissa_end);
    const std::size_t dot = mantissa.find('.');
    const std::string_view int_part = stripLeadingZeros(mantissa.substr(0, dot));
    out.append(int_part.empty() ? "0" : int_part);
    if (dot != std::string_view::npos) {
        const std::string_view frac = mantissa.substr(dot + 1);
        out.push_back('.');
        out.append(frac.empty() ? "0" : frac);  // "1." stays a float: 1.0, not 1
    }
    out.append(exponent);
}

}  // namespace

ScalarKind inferPlainScalar(std::string_view text) {
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
        return ScalarKind::Null;
    if (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
        text == "FALSE")
        return ScalarKind::Bool;
    if (allOf(withoutSign(text), isDigit)) return ScalarKind::Int;
    if (text.starts_with("0o") && allOf(text.substr(2), isOctalDigit)) return ScalarKind::Int;
    if (text.starts_with("0x") && allOf(text.substr(2), isHexDigit)) return ScalarKind::Int;
    if (isCoreFloat(text) || isInfinity(text) || isNan(text)) return ScalarKind::Float;
    return ScalarKind::String;
}

std::optional<long long> parseYamlInteger(std::string_view text) {
    if (text.starts_with("0x") || text.starts_with("0o")) {
        const auto value = parseUnsigned(text.substr(2), text[1] == 'x' ? 16 : 8);
        if (!value || *value > static_cast<unsigned long long>(std::numeric_limits<long long>::max()))
            return std::nullopt;
        return static_cast<long long>(*value);
    }
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<double> parseYamlNumber(std::string_view text) {
    if (isNan(text)) return std::numeric_limits<double>::quiet_NaN();
    if (isInfinity(text))
        return text.front() == '-' ? -std::numeric_limits<double>::infinity()
                                   : std::numeric_limits<double>::infinity();
    if (const auto integer = parseYamlInteger(text)) return static_cast<double>(*integer);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<std::string> withoutDigitSeparators(std::string_view text) {
    const std::string_view body = withoutSign(text);
    if (body.empty() || !isDigit(body.front()) || body.find('_') == std::string_view::npos) return std::nullopt;
    std::string digits;
    for (const char c : text)
        if (c != '_') digits.push_back(c);
    const ScalarKind kind = inferPlainScalar(digits);
    if (kind != ScalarKind::Int && kind != ScalarKind::Float) return std::nullopt;
    return digits;
}

void appendScalarJson(std::string& out, const ScalarValue& value) {
    switch (value.kind) {
        case ScalarKind::Null: out.append("null"); return;
        case ScalarKind::Bool: out.append(value.text.front() == 't' || value.text.front() == 'T' ? "true" : "false"); return;
        case ScalarKind::Int: appendIntJson(out, value.text); return;
        case ScalarKind::Float:
            if (isInfinity(value.text) || isNan(value.text)) core::appendJsonString(out, value.text);
            else appendFloatJson(out, value.text);
            return;
        case ScalarKind::String: core::appendJsonString(out, value.text); return;
    }
}

}  // namespace portico::config
