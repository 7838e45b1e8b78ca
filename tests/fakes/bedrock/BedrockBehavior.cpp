#include "bedrock/BedrockBehavior.h"

#include <array>
#include <utility>

namespace portico::fakes::bedrock {

BedrockBehavior BedrockBehavior::fromModel(std::string_view model_id) {
    using Kind = BedrockBehavior::Kind;
    static constexpr std::array<std::pair<std::string_view, Kind>, 6> kPrefixes{{
        {"fake.throttle", Kind::Throttle},
        {"fake.context", Kind::Context},
        {"fake.denied", Kind::Denied},
        {"fake.tool", Kind::Tool},
        {"fake.stream-exception", Kind::StreamException},
        {"fake.stream-cut", Kind::StreamCut},
    }};
    BedrockBehavior behavior;
    for (const auto& [prefix, kind] : kPrefixes)
        if (model_id.starts_with(prefix)) behavior.kind = kind;
    return behavior;
}

}  // namespace portico::fakes::bedrock
