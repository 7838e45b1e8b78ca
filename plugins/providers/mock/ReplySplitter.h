#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace portico::mock {

/// Splits a reply into exactly `pieces` consecutive parts of near-equal length in characters,
/// cutting only between UTF-8 code points so every chunk is valid text on its own. When the reply
/// has fewer characters than `pieces`, the trailing parts are empty: the chunk count stays what
/// the operator configured, which is what stream tests count. The views point into `text`.
std::vector<std::string_view> splitReply(std::string_view text, std::size_t pieces);

}  // namespace portico::mock
