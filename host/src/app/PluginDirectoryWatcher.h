#pragma once
#include <functional>
#include <string>
#include <thread>

namespace portico::app {

/// plugins.watch: calls `on_change` (from its own thread) once the plugin directory, or one of
/// its immediate subdirectories, has settled after a library was written, moved in, moved out or
/// deleted. It reacts to a writer closing the file (IN_CLOSE_WRITE) or a rename (IN_MOVED_TO),
/// never to a file merely created or growing, and waits a short quiet period, so a copy in
/// progress is not scanned; the loader still refuses an incomplete library should a writer close
/// it early.
class PluginDirectoryWatcher {
public:
    PluginDirectoryWatcher(std::string directory, std::function<void()> on_change);
    ~PluginDirectoryWatcher();  ///< stops and joins
    PluginDirectoryWatcher(const PluginDirectoryWatcher&) = delete;
    PluginDirectoryWatcher& operator=(const PluginDirectoryWatcher&) = delete;

private:
    void run();
    /// Watches `directory_` and its immediate subdirectories (the depth a scan covers).
    void watchTree();
    /// Reads the queued events; true if one concerns a library or a subdirectory.
    bool readEvents();

    std::string directory_;
    std::function<void()> on_change_;
    int inotify_fd_ = -1;
    int wake_fd_ = -1;  ///< eventfd that ends run()
    std::thread thread_;
};

}  // namespace portico::app
