#pragma once
#include <string_view>

#include "plugins/ChunkConsumer.h"

namespace portico::pipeline {

/// A chunk consumer fed from an upstream stream (see pumpUpstreamStream), told a little more than
/// the chunks: which upstream event they come from, and when the upstream has nothing more at
/// hand. A consumer that ignores both still works; these only make relaying cheaper.
class RelayTarget : public plugins::ChunkConsumer {
public:
    /// The chunks emitted next come from this event: its data, and its bytes as the upstream
    /// framed them (empty when they did not arrive in one read).
    virtual void upstreamEvent(std::string_view /*data*/, std::string_view /*bytes*/) {}
    /// The next upstream read may wait: deliver what is pending now. Returns false to stop (the
    /// client has gone).
    virtual bool upstreamIdle() { return true; }
};

}  // namespace portico::pipeline
