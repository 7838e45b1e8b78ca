#include "gemini/GeminiBehavior.h"

#include <charconv>

namespace portico::fakes::gemini {

GeminiBehavior GeminiBehavior::fromModel(std::string_view model) {
    GeminiBehavior behavior;
    constexpr std::string_view kError = "gemini-error-";
    if (model == "gemini-tool") behavior.kind = Kind::Tool;
    else if (model == "gemini-stream-cut") behavior.kind = Kind::StreamCut;
    else if (model == "gemini-safety") behavior.kind = Kind::Safety;
    else if (model == "gemini-blocked") behavior.kind = Kind::Blocked;
    else if (model.starts_with(kError)) {
        const std::string_view digits = model.substr(kError.size());
        int status = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), status);
        if (ec == std::errc{} && end == digits.data() + digits.size() && status >= 400 && status <= 599) {
            behavior.kind = Kind::Error;
            behavior.status = status;
        }
    }
    return behavior;
}

}  // namespace portico::fakes::gemini
