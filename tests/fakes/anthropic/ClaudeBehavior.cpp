#include "anthropic/ClaudeBehavior.h"

#include <charconv>

namespace portico::fakes::anthropic {

ClaudeBehavior ClaudeBehavior::fromModel(std::string_view model) {
    ClaudeBehavior behavior;
    constexpr std::string_view kErrorPrefix = "claude-error-";
    if (model == "claude-context") {
        behavior.kind = Kind::Context;
    } else if (model == "claude-tool") {
        behavior.kind = Kind::Tool;
    } else if (model == "claude-stream-cut") {
        behavior.kind = Kind::StreamCut;
    } else if (model == "claude-stream-error") {
        behavior.kind = Kind::StreamError;
    } else if (model.starts_with(kErrorPrefix)) {
        const std::string_view digits = model.substr(kErrorPrefix.size());
        int status = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), status);
        // A bad number is an ordinary model, so a typo shows up as an unexpected success.
        if (ec == std::errc{} && end == digits.data() + digits.size() && status >= 400 && status <= 599) {
            behavior.kind = Kind::Error;
            behavior.status = status;
        }
    }
    return behavior;
}

}  // namespace portico::fakes::anthropic
