#pragma once
#include <string>

namespace portico::plugins {

/// RAII around dlopen(RTLD_NOW | RTLD_LOCAL). NOW makes a missing dependency fail here with
/// dlerror() naming it instead of crashing mid-request; LOCAL keeps plugins' symbols apart.
/// (Poco::SharedLibrary hardcodes RTLD_LAZY, so it is not used.)
class SharedObject {
public:
    /// Throws std::runtime_error with dlerror()'s text, or before dlopen when the file is not a
    /// complete ELF image (mapping a truncated one would crash the process).
    explicit SharedObject(const std::string& path);
    ~SharedObject();
    SharedObject(const SharedObject&) = delete;
    SharedObject& operator=(const SharedObject&) = delete;

    /// nullptr if the symbol is absent.
    void* symbol(const char* name) const;
    /// Keep the library mapped at destruction (Go/Rust runtimes cannot be unloaded).
    void keepLoaded() { keep_loaded_ = true; }

private:
    void* handle_ = nullptr;
    bool keep_loaded_ = false;
};

}  // namespace portico::plugins
