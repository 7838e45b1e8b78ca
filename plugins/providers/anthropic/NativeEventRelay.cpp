#include "NativeEventRelay.h"

#include "common/AbiBarrier.h"
#include "common/PluginError.h"

namespace portico::anthropic {

using plugin_common::PluginError;
using plugin_common::toStr;

portico_status NativeEventRelay::feed(std::string_view data, portico_chunk_sink& sink) {
    const std::string_view payload = trimmedData(data);
    if (payload.empty() || state_.done()) return PORTICO_OK;
    if (!PORTICO_HAS(portico_chunk_sink, &sink, emit_event) || !sink.emit_event)
        throw PluginError(PORTICO_ERR_INTERNAL, 0, "anthropic: a native stream needs the host's emit_event");
    const AnthropicEvent& event = reader_.read(payload);
    state_.observe(event, sink);
    // Usage before the event that completes it: if the client leaves on it, the tokens were spent.
    if ((event.type == "message_delta" || event.type == "message_stop") && state_.reportUsage(sink) == PORTICO_ERR_CLOSED)
        return PORTICO_ERR_CLOSED;
    return checkedSink(sink.emit_event(sink.ctx, toStr(event.type), toStr(payload)));
}

}  // namespace portico::anthropic
