#include "plugins/SharedObject.h"

#include <dlfcn.h>

#include <stdexcept>

#include "plugins/ElfImageCheck.h"

namespace portico::plugins {

SharedObject::SharedObject(const std::string& path) {
    if (const std::string reason = incompleteElfReason(path); !reason.empty()) throw std::runtime_error(reason);
    handle_ = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle_) {
        const char* why = ::dlerror();
        throw std::runtime_error(why ? why : "dlopen failed");
    }
}

SharedObject::~SharedObject() {
    if (handle_ && !keep_loaded_) ::dlclose(handle_);
}

void* SharedObject::symbol(const char* name) const { return ::dlsym(handle_, name); }

}  // namespace portico::plugins
