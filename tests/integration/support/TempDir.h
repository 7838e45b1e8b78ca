#pragma once
#include <filesystem>
#include <string>

namespace portico::itest {

/// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction, so a
/// test's config, events file and plugin copies never leak into the next test.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

    /// Writes `text` to path()/name and returns the full path.
    std::filesystem::path writeFile(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path path_;
};

/// Whole file as a string; empty if it does not exist (yet).
std::string readFile(const std::filesystem::path& path);

}  // namespace portico::itest
