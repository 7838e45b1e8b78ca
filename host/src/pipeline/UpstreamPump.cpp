#include "pipeline/UpstreamPump.h"

#include "http/SseEventSplitter.h"
#include "pipeline/UpstreamFailure.h"

namespace portico::pipeline {

bool pumpUpstreamStream(upstream::UpstreamStream& upstream, plugins::ProviderStream& provider, bool split_events,
                        const std::string& provider_name, RelayTarget& out) {
    http::SseEventSplitter splitter;
    const auto feed_event = [&](std::string_view data) {
        out.upstreamEvent(data, splitter.eventBytes());
        const bool keep_going = provider.feed(data, out);
        out.upstreamEvent({}, {});  // the views die with this event
        return keep_going;
    };
    char buffer[16384];
    try {
        bool more = true;
        while (more) {
            // Everything already read goes out in one send, just before a read that may wait.
            if (!upstream.hasBufferedBody() && !out.upstreamIdle()) return false;
            const std::size_t n = upstream.read(buffer, sizeof buffer);
            if (n == 0) break;
            const std::string_view bytes(buffer, n);
            more = split_events ? splitter.feed(bytes, feed_event) : provider.feed(bytes, out);
            // A stream may run long, but one event is held whole until it ends: bound that.
            if (splitter.buffered() > upstream.maxBodyBytes())
                throw upstream::UpstreamError(upstream::UpstreamErrorKind::TooLarge,
                                              "one stream event exceeds the limit of " +
                                                  std::to_string(upstream.maxBodyBytes()) + " bytes");
        }
        return more && (!split_events || splitter.finish(feed_event)) && provider.end(out);
    } catch (const upstream::UpstreamError& error) {
        throw upstreamFailure(provider_name, error);
    }
}

}  // namespace portico::pipeline
