#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace portico::config {

/// Where `text` stops being UTF-8 (RFC 3629: no overlong forms, surrogates or code points past
/// U+10FFFF), or npos.
std::size_t invalidUtf8At(std::string_view text);

/// What makes `yaml` unacceptable as YAML text before yaml-cpp sees it, and where (a byte offset):
/// bytes that are not UTF-8, or a character YAML 1.2 does not allow in a stream (c-printable:
/// no control characters but tab, LF, CR and NEL, no U+FFFE/U+FFFF; PyYAML, hence LiteLLM, refuses
/// the same). yaml-cpp checks neither: it copies such bytes into strings, and so into the JSON
/// plugins receive, and it misreads a NUL byte as an escape. Text starting with a UTF-16 or UTF-32
/// byte order mark is left to yaml-cpp, which decodes it.
struct YamlTextProblem {
    std::size_t offset;
    std::string message;
};
std::optional<YamlTextProblem> findYamlTextProblem(std::string_view yaml);

}  // namespace portico::config
