#include "openai/ModelBehavior.h"

#include <charconv>
#include <optional>

namespace portico::fakes {

namespace {

std::optional<int> numberAfter(std::string_view model, std::string_view prefix, int min, int max) {
    if (!model.starts_with(prefix)) return std::nullopt;
    const std::string_view digits = model.substr(prefix.size());
    int value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || end != digits.data() + digits.size() || value < min || value > max) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

ModelBehavior ModelBehavior::fromModel(std::string_view model) {
    ModelBehavior behavior;
    if (model == "reset") {
        behavior.kind = Kind::Reset;
    } else if (model == "stream-error") {
        behavior.kind = Kind::StreamError;
    } else if (model == "stream-cut") {
        behavior.kind = Kind::StreamCut;
    } else if (const auto status = numberAfter(model, "error-", 100, 599)) {
        behavior.kind = Kind::Error;
        behavior.status = *status;
    } else if (const auto mebibytes = numberAfter(model, "stream-flood-", 1, 1024)) {
        behavior.kind = Kind::StreamFlood;
        behavior.mebibytes = *mebibytes;
    } else if (const auto huge = numberAfter(model, "huge-body-", 1, 1024)) {
        behavior.kind = Kind::HugeBody;
        behavior.mebibytes = *huge;
    } else if (const auto ms = numberAfter(model, "stream-slow-", 0, 600000)) {
        behavior.kind = Kind::StreamSlow;
        behavior.delay_ms = *ms;
    } else if (const auto slowMs = numberAfter(model, "slow-", 0, 600000)) {
        behavior.kind = Kind::Slow;
        behavior.delay_ms = *slowMs;
    }
    return behavior;
}

}  // namespace portico::fakes
