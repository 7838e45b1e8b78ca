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

void SseWriter::event(std::string_view json) {
    if (!clientConnected()) return;
    // Into the stream's buffer, which Poco sends as one HTTP chunk per flush: no frame copy.
    out_->write("data: ", 6);
    out_->write(json.data(), static_cast<std::streamsize>(json.size()));
    out_->write("\n\n", 2);
}

void SseWriter::namedEvent(std::string_view name, std::string_view json) {
    if (!clientConnected()) return;
    out_->write("event: ", 7);
    out_->write(name.data(), static_cast<std::streamsize>(name.size()));
    out_->write("\n", 1);
    event(json);
}

void SseWriter::raw(std::string_view bytes) {
    if (clientConnected()) out_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool SseWriter::flush() {
    if (!clientConnected()) return false;
    out_->flush();
    return out_->good();
}

bool SseWriter::data(std::string_view json) {
    event(json);
    return flush();
}

bool SseWriter::done() { return data("[DONE]"); }

}  // namespace portico::http
