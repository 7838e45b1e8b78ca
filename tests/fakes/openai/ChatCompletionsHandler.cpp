#include "openai/ChatCompletionsHandler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <istream>
#include <memory>
#include <thread>

#include "JsonText.h"

namespace portico::fakes {

namespace {

constexpr int kDefaultChunks = 5;
/// Slow streams last long enough (50 x delay) that a test closing after two events is always
/// mid-stream, even though the gateway does not forward the x-fake-chunks header.
constexpr int kDefaultSlowChunks = 50;
constexpr int kMaxChunks = 100000;
/// A reader that stops reading must not pin a fake thread forever (Poco sets no send timeout).
constexpr int kSendTimeoutSeconds = 10;
/// Content per chunk of a "stream-flood-<MiB>" stream.
constexpr std::size_t kFloodChunkBytes = 64 * 1024;

std::string readBody(Poco::Net::HTTPServerRequest& request) {
    std::istream& in = request.stream();
    std::string body;
    if (request.hasContentLength() && request.getContentLength64() > 0) {
        body.resize(static_cast<std::size_t>(request.getContentLength64()));
        in.read(body.data(), static_cast<std::streamsize>(body.size()));
        body.resize(static_cast<std::size_t>(in.gcount()));
    } else {
        Poco::StreamCopier::copyToString(in, body);
    }
    return body;
}

std::shared_ptr<const RecordedRequest> makeRecord(const Poco::Net::HTTPServerRequest& request, const std::string& body) {
    auto record = std::make_shared<RecordedRequest>();
    record->method = request.getMethod();
    record->uri = request.getURI();
    record->headers.reserve(request.size());
    for (const auto& [name, value] : request) record->headers.emplace_back(asciiLower(name), value);
    record->body = body;
    return record;
}

/// Bearer with a non-empty token, and not the token tests use to mean "a revoked key".
bool authorized(const Poco::Net::HTTPServerRequest& request) {
    // A copy: get() with a default returns a reference to that (temporary) default when absent.
    const std::string header = request.get("Authorization", "");
    constexpr std::string_view kBearer = "Bearer ";
    if (header.size() <= kBearer.size() || !std::string_view(header).starts_with(kBearer)) return false;
    const std::string_view token = std::string_view(header).substr(kBearer.size());
    return token != "sk-bad";
}

int chunkCount(const Poco::Net::HTTPServerRequest& request, int fallback) {
    const std::string header = request.get("x-fake-chunks", "");
    int value = 0;
    const auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), value);
    if (header.empty() || ec != std::errc{} || end != header.data() + header.size()) return fallback;
    return std::clamp(value, 1, kMaxChunks);
}

/// Piece `index` of `count` near-equal pieces of the reply text (repeated when count exceeds
/// its length), so the concatenated deltas of a default stream read as kReplyText.
std::string piece(int index, int count) {
    std::string text(kReplyText);
    while (text.size() < static_cast<std::size_t>(count)) text.append(" ").append(kReplyText);
    const std::size_t total = text.size();
    const std::size_t begin = total * static_cast<std::size_t>(index) / static_cast<std::size_t>(count);
    const std::size_t end = total * static_cast<std::size_t>(index + 1) / static_cast<std::size_t>(count);
    return text.substr(begin, end - begin);
}

void sleepMs(int ms) {
    if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace

void sendJson(Poco::Net::HTTPServerResponse& response, int status, std::string_view body) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("application/json");
    response.sendBuffer(body.data(), body.size());
}

void ChatCompletionsHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                           Poco::Net::HTTPServerResponse& response) {
    state_.requests.fetch_add(1, std::memory_order_relaxed);
    const std::string body = readBody(request);
    state_.record(makeRecord(request, body));

    if (auth_ == Auth::Bearer && !authorized(request)) {
        sendJson(response, 401,
                 bodies::error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
        return;
    }
    ParsedRequest parsed;
    if (!parse(body, parsed, response)) return;

    const int promptTokens = static_cast<int>(body.size() / 4) + 1;
    const ModelBehavior behavior = ModelBehavior::fromModel(parsed.model);
    switch (behavior.kind) {
    case ModelBehavior::Kind::Reset:
        resetConnection(request, response);
        return;
    case ModelBehavior::Kind::Error: {
        if (behavior.status == 429 || behavior.status == 503) response.set("retry-after", "1");
        sendJson(response, behavior.status, bodies::errorForStatus(behavior.status));
        return;
    }
    case ModelBehavior::Kind::StreamError:
    case ModelBehavior::Kind::StreamCut:
        if (parsed.stream) {
            const StreamEnd end =
                behavior.kind == ModelBehavior::Kind::StreamCut ? StreamEnd::Cut : StreamEnd::ErrorEvent;
            sendStream(parsed, promptTokens, {chunkCount(request, kDefaultChunks), 0, end, 0}, request, response);
        } else {
            sendJson(response, 500, bodies::errorForStatus(500));
        }
        return;
    case ModelBehavior::Kind::StreamFlood:
        if (parsed.stream) {
            const int chunks = behavior.mebibytes * static_cast<int>((1u << 20) / kFloodChunkBytes);
            sendStream(parsed, promptTokens, {chunks, 0, StreamEnd::Done, kFloodChunkBytes}, request, response);
            return;
        }
        break;
    case ModelBehavior::Kind::HugeBody: {
        const std::size_t bytes = static_cast<std::size_t>(behavior.mebibytes) << 20;
        if (parsed.stream) {
            sendStream(parsed, promptTokens, {1, 0, StreamEnd::Done, bytes}, request, response);
        } else {
            sendJson(response, 200,
                     bodies::chatCompletion(identityFor(parsed.model), std::string(bytes, 'x'), TokenUsage{promptTokens, 5}));
        }
        return;
    }
    case ModelBehavior::Kind::Slow:
    case ModelBehavior::Kind::StreamSlow:
        if (behavior.kind == ModelBehavior::Kind::Slow || !parsed.stream) sleepMs(behavior.delay_ms);
        break;
    case ModelBehavior::Kind::Normal: break;
    }

    if (!parsed.stream) {
        sendCompletion(parsed, promptTokens, response);
        return;
    }
    const bool slowStream = behavior.kind == ModelBehavior::Kind::StreamSlow;
    const int chunks = chunkCount(request, slowStream ? kDefaultSlowChunks : kDefaultChunks);
    sendStream(parsed, promptTokens, {chunks, slowStream ? behavior.delay_ms : 0, StreamEnd::Done, 0}, request, response);
}

bool ChatCompletionsHandler::parse(const std::string& body, ParsedRequest& parsed,
                                   Poco::Net::HTTPServerResponse& response) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(body).get(root) != simdjson::SUCCESS || !root.is_object()) {
        sendJson(response, 400,
                 bodies::error("We could not parse the JSON body of your request. (HINT: This likely means "
                               "you aren't using your HTTP library correctly.)",
                               "invalid_request_error", ""));
        return false;
    }
    std::string_view model;
    if (root["model"].get_string().get(model) != simdjson::SUCCESS || model.empty()) {
        sendJson(response, 400,
                 bodies::error("You must provide a model parameter.", "invalid_request_error", ""));
        return false;
    }
    simdjson::dom::array messages;
    if (root["messages"].get_array().get(messages) != simdjson::SUCCESS) {
        sendJson(response, 400,
                 bodies::error("Missing required parameter: 'messages'.", "invalid_request_error",
                               "missing_required_parameter"));
        return false;
    }
    parsed.model = std::string(model);
    bool flag = false;
    if (root["stream"].get_bool().get(flag) == simdjson::SUCCESS) parsed.stream = flag;
    if (root.at_pointer("/stream_options/include_usage").get_bool().get(flag) == simdjson::SUCCESS) {
        parsed.include_usage = flag;
    }
    return true;
}

CompletionIdentity ChatCompletionsHandler::identityFor(const std::string& model) {
    return CompletionIdentity{"chatcmpl-fake" + std::to_string(state_.nextId()),
                              static_cast<std::int64_t>(std::time(nullptr)), model};
}

void ChatCompletionsHandler::sendCompletion(const ParsedRequest& parsed, int promptTokens,
                                            Poco::Net::HTTPServerResponse& response) {
    const std::string body =
        bodies::chatCompletion(identityFor(parsed.model), kReplyText, TokenUsage{promptTokens, 5});
    sendJson(response, 200, body);
}

void ChatCompletionsHandler::sendStream(const ParsedRequest& parsed, int promptTokens, const StreamShape& shape,
                                        Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    const int chunks = shape.chunks;
    const std::string filler(shape.chunk_bytes, 'x');
    auto content = [&](int index) { return shape.chunk_bytes ? filler : piece(index, chunks); };
    static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().setSendTimeout(
        Poco::Timespan(kSendTimeoutSeconds, 0));
    response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    response.setChunkedTransferEncoding(true);
    response.setContentType("text/event-stream; charset=utf-8");
    response.set("Cache-Control", "no-cache");
    std::ostream& out = response.send();

    std::string frame;
    // Each event is flushed on its own, as OpenAI does; a failed flush means the reader is gone.
    auto emit = [&](std::string_view data) {
        frame.assign("data: ").append(data).append("\n\n");
        out.write(frame.data(), static_cast<std::streamsize>(frame.size()));
        out.flush();
        return out.good();
    };
    auto abort = [&] { state_.streams_aborted.fetch_add(1, std::memory_order_relaxed); };

    const CompletionIdentity identity = identityFor(parsed.model);
    const bool usageNull = parsed.include_usage;
    if (!emit(bodies::roleChunk(identity, usageNull))) return abort();
    if (shape.end != StreamEnd::Done) {
        if (!emit(bodies::contentChunk(identity, content(0), usageNull))) return abort();
        if (shape.end == StreamEnd::ErrorEvent &&
            !emit(bodies::error("fake upstream error mid-stream", "server_error", ""))) {
            return abort();
        }
        state_.streams_completed.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    for (int i = 0; i < chunks; ++i) {
        sleepMs(shape.delay_ms);
        if (!emit(bodies::contentChunk(identity, content(i), usageNull))) return abort();
    }
    sleepMs(shape.delay_ms);
    if (!emit(bodies::finishChunk(identity, usageNull))) return abort();
    if (parsed.include_usage && !emit(bodies::usageChunk(identity, TokenUsage{promptTokens, chunks}))) {
        return abort();
    }
    if (!emit("[DONE]")) return abort();
    state_.streams_completed.fetch_add(1, std::memory_order_relaxed);
}

void ChatCompletionsHandler::resetConnection(Poco::Net::HTTPServerRequest& request,
                                             Poco::Net::HTTPServerResponse& response) {
    response.setKeepAlive(false);
    Poco::Net::StreamSocket& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
    socket.setLinger(true, 0);  // close() now sends RST instead of FIN
    socket.close();
}

}  // namespace portico::fakes
