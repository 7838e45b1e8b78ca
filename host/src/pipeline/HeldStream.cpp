#include "pipeline/HeldStream.h"

namespace portico::pipeline {

bool HeldStream::onChunk(std::string_view chunk_json) {
    if (overflowed_) return false;
    if (chunk_json.size() > limit_bytes_ - held_bytes_) {
        overflowed_ = true;
        return false;
    }
    held_bytes_ += chunk_json.size();
    chunks_.emplace_back(chunk_json);
    return true;
}

void HeldStream::onUsage(const portico_usage& usage) {
    usage_ = usage;
    has_usage_ = true;
}

}  // namespace portico::pipeline
