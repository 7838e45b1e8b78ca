#pragma once
#include <portico/plugin.h>

#include <string_view>

#include "AnthropicEvent.h"
#include "AnthropicUsage.h"
#include "common/PluginError.h"

namespace portico::anthropic {

/// What a translated stream and a native relay both keep about one Anthropic stream: its usage
/// (message_start's input counts, message_delta's cumulative ones), reported to the host once;
/// whether message_stop arrived; and how it fails. Usage goes to the host before any failure, as
/// the tokens were spent upstream whatever the client gets.
class StreamState {
public:
    /// Takes an event's usage and end marker. An `error` event throws anthropic::streamError.
    void observe(const AnthropicEvent& event, portico_chunk_sink& sink);
    bool done() const { return done_; }

    /// The usage so far, through sink.usage, the first time only (later calls return OK).
    portico_status reportUsage(portico_chunk_sink& sink);
    const AnthropicUsage& usage() const { return usage_; }

    /// At the upstream body's end: throws brokenStream(502, "... ended before message_stop ...")
    /// unless message_stop arrived.
    void end(portico_chunk_sink& sink);

    /// Reports usage, then throws `error`.
    [[noreturn]] void fail(portico_chunk_sink& sink, const plugin_common::PluginError& error);

private:
    AnthropicUsage usage_;
    bool usage_reported_ = false;
    bool done_ = false;
};

/// A sink refusal other than "the client has gone" is the host's problem: thrown as its status.
portico_status checkedSink(portico_status status);

/// The event's data without surrounding whitespace (which would break the client's SSE framing).
std::string_view trimmedData(std::string_view data);

}  // namespace portico::anthropic
