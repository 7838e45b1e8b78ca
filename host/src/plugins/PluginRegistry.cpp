#include "plugins/PluginRegistry.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/Log.h"
#include "plugins/AbiAdapters.h"

namespace portico::plugins {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> libraryFiles(const std::string& directory) {
    std::vector<std::string> files;
    std::error_code ec;
    // Depth 2 covers both a flat drop-in directory and the build's providers/observers/guardrails layout.
    for (fs::recursive_directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        if (it.depth() > 1) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && it->path().extension() == ".so") files.push_back(fs::absolute(it->path()).string());
    }
    if (ec) core::Log::warn("plugins", "cannot fully scan " + directory + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

PluginRegistry::PluginRegistry(std::string directory, upstream::UpstreamPool* pool)
    : directory_(std::move(directory)), loader_(pool) {}

std::shared_ptr<const PluginSet> PluginRegistry::scan() {
    std::lock_guard lock(scan_mutex_);
    auto next = std::make_shared<PluginSet>();
    if (!fs::is_directory(directory_)) core::Log::warn("plugins", "plugin directory " + directory_ + " does not exist");

    for (const std::string& path : libraryFiles(directory_)) {
        std::shared_ptr<const PluginLibrary> library;
        if (current_) {
            for (const auto& [key, existing] : current_->by_kind_and_name)
                if (existing->declaration().path == path) library = existing;
        }
        if (!library) {
            LoadOutcome outcome = loader_.load(path);
            if (auto* refusal = std::get_if<LoadRefusal>(&outcome)) {
                core::Log::warn("plugins", "refused " + path + ": " + refusal->reason);
                next->records.push_back({refusal->declaration, false, refusal->reason});
                continue;
            }
            library = std::get<std::shared_ptr<PluginLibrary>>(std::move(outcome));
        }
        const PluginDeclaration& d = library->declaration();
        if (const auto twin = next->find(d.kind, d.name)) {
            const std::string reason = std::string("duplicate ") + kindName(d.kind) + " name '" + d.name +
                                       "' (already loaded from " + twin->declaration().path + ")";
            core::Log::warn("plugins", "refused " + path + ": " + reason);
            next->records.push_back({d, false, reason});
            continue;
        }
        if (!current_ || !current_->find(d.kind, d.name) || current_->find(d.kind, d.name) != library)
            core::Log::info("plugins", std::string("loaded ") + kindName(d.kind) + " '" + d.name + "' " + d.version +
                                           " (ABI " + d.abiVersion() + ") from " + path);
        next->by_kind_and_name[{d.kind, d.name}] = library;
        next->records.push_back({d, true, {}});
    }
    current_ = next;
    return next;
}

}  // namespace portico::plugins
