#include "http/SseWriter.h"

namespace portico::http {

void SseWriter::begin() {
    response_.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    response_.setChunkedTransferEncoding(true);
    response_.setContentType("text/event-stream");
    response_.set("Cache-Control", "no-cache");
    response_.set("X-Accel-Buffering", "no");
    out_ = &response_.send();
    out_->flush();
}

bool SseWriter::data(std::string_view json) {
    if (!clientConnected()) return false;
    frame_.assign("data: ").append(json).append("\n\n");
    out_->write(frame_.data(), static_cast<std::streamsize>(frame_.size()));
    out_->flush();
    return out_->good();
}

bool SseWriter::done() { return data("[DONE]"); }

}  // namespace portico::http
