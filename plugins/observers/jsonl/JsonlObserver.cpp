#include "JsonlObserver.h"

namespace portico::observers::jsonl {

std::unique_ptr<JsonlObserver> JsonlObserver::create(JsonlConfig config, std::string& error) {
    std::unique_ptr<JsonlFile> file = JsonlFile::open(config.path, error);
    if (!file) return nullptr;
    return std::unique_ptr<JsonlObserver>(new JsonlObserver(std::move(config), std::move(file)));
}

JsonlObserver::JsonlObserver(JsonlConfig config, std::unique_ptr<JsonlFile> file)
    : config_(std::move(config)), file_(std::move(file)) {}

portico_status JsonlObserver::onEvents(const portico_event* const* events, size_t count, std::string& error) {
    if (!file_->beginBatch(error)) return PORTICO_ERR_RETRY;
    for (size_t i = 0; i < count; ++i) {
        if (!events[i]) continue;
        const std::string_view line = formatter_.format(*events[i]);
        if (!line.empty() && !file_->append(line, error)) {
            file_->rollbackBatch(error);
            return PORTICO_ERR_RETRY;
        }
    }
    if (!file_->commitBatch(error)) {
        file_->rollbackBatch(error);
        return PORTICO_ERR_RETRY;
    }
    return PORTICO_OK;
}

portico_status JsonlObserver::flush(std::string& error) {
    return file_->flush(config_.fsync_on_flush, error) ? PORTICO_OK : PORTICO_ERR_RETRY;
}

}  // namespace portico::observers::jsonl
