#pragma once
#include <portico/plugin.h>

#include <memory>
#include <string>
#include <string_view>

#include "plugins/HostContext.h"
#include "plugins/PluginLibrary.h"

namespace portico::plugins {

struct GuardrailDecision {
    portico_verdict verdict = PORTICO_ALLOW;
    std::string reason;     ///< for BLOCK
    std::string rewritten;  ///< for REWRITE
};

/// One configured guardrail and the only caller of guardrail vtable slots.
class GuardrailInstance {
public:
    GuardrailInstance(std::shared_ptr<const PluginLibrary> library, std::string config_json, upstream::UpstreamPool* pool);
    ~GuardrailInstance();
    GuardrailInstance(const GuardrailInstance&) = delete;
    GuardrailInstance& operator=(const GuardrailInstance&) = delete;

    const std::string& name() const { return library_->name(); }
    const PluginLibrary& library() const { return *library_; }
    /// What create() was given; with library(), what a reload pairs instances by.
    const std::string& configJson() const { return context_->configJson(); }
    bool wants(uint32_t hook) const { return (library_->guardrail().hooks & hook) != 0; }
    /// A failing guardrail blocks (fail closed): the decision is BLOCK with its message.
    GuardrailDecision check(uint32_t hook, const portico_call& call, std::string_view payload) const;

private:
    std::shared_ptr<const PluginLibrary> library_;
    std::unique_ptr<HostContext> context_;
    void* instance_ = nullptr;
};

}  // namespace portico::plugins
