#pragma once
#include <portico/plugin.h>

#include <string_view>

#include "AnthropicEvent.h"
#include "StreamState.h"

namespace portico::anthropic {

/// An Anthropic stream for an Anthropic-format client (body_format ANTHROPIC): every event goes
/// out unchanged through sink.emit_event under its own type, ping included, while the usage is
/// read on the way (reported once, at message_delta) and the stream's end is checked. An `error`
/// event is thrown as a PluginError instead of relayed, so the host renders it (in the client's
/// protocol) and knows the call failed.
class NativeEventRelay {
public:
    /// Returns PORTICO_ERR_CLOSED when the client has gone. Throws PluginError(INTERNAL) when the
    /// host's sink has no emit_event (a native call needs an ABI 1.1 host).
    portico_status feed(std::string_view data, portico_chunk_sink& sink);
    void end(portico_chunk_sink& sink) { state_.end(sink); }

private:
    EventReader reader_;
    StreamState state_;
};

}  // namespace portico::anthropic
