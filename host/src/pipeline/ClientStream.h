#pragma once
#include <portico/plugin.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/GatewayError.h"
#include "http/SseWriter.h"
#include "pipeline/RelayTarget.h"
#include "pipeline/StreamEncoder.h"

namespace portico::pipeline {

/// Relays a provider's stream output to the client, in the client's protocol through the
/// request's StreamEncoder. The 200 and the stream headers go out with the first event, so
/// anything that fails before it is still answered as a plain error with its real status.
/// Keeps the chunks for observers when asked.
///
/// A chunk the provider left unchanged (byte for byte its upstream event's data) is offered to the
/// encoder with the upstream's own event bytes, which a pass-through encoder relays as they came
/// (an OpenAI chunk to an OpenAI client). How often it sends depends on `Delivery`: a local provider's
/// chunks go out one by one (the host cannot tell when the next comes); an upstream relay's go
/// out together when the upstream has nothing more at hand.
class ClientStream : public RelayTarget {
public:
    enum class Delivery { EachChunk, WhenUpstreamIdle };

    ClientStream(http::SseWriter& writer, StreamEncoder& encoder, bool keep_chunks, Delivery delivery)
        : writer_(writer), encoder_(encoder), keep_chunks_(keep_chunks), delivery_(delivery) {}

    bool onChunk(std::string_view chunk_json) override;
    bool onEvent(std::string_view name, std::string_view data_json) override;
    void onUsage(const portico_usage& usage) override;
    void upstreamEvent(std::string_view data, std::string_view bytes) override;
    bool upstreamIdle() override;

    /// Ends a successful stream with the protocol's closing events.
    void finish();
    /// Reports an error inside an already-started stream, as the client's protocol does.
    void fail(const core::GatewayError& error);

    bool started() const { return writer_.started(); }
    bool clientGone() const { return client_gone_; }
    bool hasUsage() const { return has_usage_; }
    const portico_usage& usage() const { return usage_; }
    std::vector<std::string>& chunks() { return chunks_; }

private:
    /// After an event was buffered: sends it if each one goes out alone; notices a gone client.
    bool delivered();

    http::SseWriter& writer_;
    StreamEncoder& encoder_;
    bool keep_chunks_;
    Delivery delivery_;
    bool client_gone_ = false;
    bool has_usage_ = false;
    portico_usage usage_{sizeof(portico_usage), 0, 0, 0, 0, 0, 0};
    std::vector<std::string> chunks_;
    std::string_view event_data_;   ///< the upstream event the next chunk comes from
    std::string_view event_bytes_;  ///< its bytes as they arrived; empty = frame the chunk
};

}  // namespace portico::pipeline
