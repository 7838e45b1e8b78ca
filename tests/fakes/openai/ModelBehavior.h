#pragma once
#include <string_view>

namespace portico::fakes {

/// What the fake does for a request, chosen by the request's "model" so that a gateway config can
/// point each test scenario at a model name: the gateway forwards the model, not test headers.
struct ModelBehavior {
    enum class Kind {
        Normal,       ///< any ordinary name: a real-shaped completion or stream
        Error,        ///< "error-<status>": that status with an OpenAI error body
        Slow,         ///< "slow-<ms>": answer normally after delay_ms
        StreamSlow,   ///< "stream-slow-<ms>": stream with delay_ms between events (50 content
                      ///< events by default, so a test that leaves early is always mid-stream)
        StreamError,  ///< "stream-error": start a stream, then an in-stream error event
        StreamCut,    ///< "stream-cut": start a stream, then end the body cleanly without [DONE]
        StreamFlood,  ///< "stream-flood-<MiB>": a stream of that many MiB of content, sent at once
        HugeBody,     ///< "huge-body-<MiB>": a completion whose content is that many MiB, or a
                      ///< stream whose one content event is
        Reset,        ///< "reset": close the connection without answering
    };

    Kind kind = Kind::Normal;
    int status = 200;   ///< for Kind::Error
    int delay_ms = 0;   ///< for Kind::Slow and Kind::StreamSlow
    int mebibytes = 0;  ///< for Kind::StreamFlood and Kind::HugeBody

    /// A name with a recognised prefix but a bad number ("error-x") is Normal, so a typo shows up
    /// as an unexpected success rather than a confusing failure.
    static ModelBehavior fromModel(std::string_view model);
};

}  // namespace portico::fakes
