#include "plugins/GuardrailInstance.h"

#include "core/Log.h"
#include "plugins/AbiAdapters.h"
#include "plugins/InstanceCreation.h"

namespace portico::plugins {

GuardrailInstance::GuardrailInstance(std::shared_ptr<const PluginLibrary> library, std::string config_json,
                                     upstream::UpstreamPool* pool)
    : library_(std::move(library)) {
    context_ = std::make_unique<HostContext>(library_->name(), std::move(config_json), pool);
    instance_ = createInstance(library_->guardrail().create, *context_, "guardrail");
}

GuardrailInstance::~GuardrailInstance() {
    if (instance_) library_->guardrail().destroy(instance_);
}

GuardrailDecision GuardrailInstance::check(uint32_t hook, const portico_call& call, std::string_view payload) const {
    GuardrailDecision decision;
    StringWriter rewrite(decision.rewritten);
    ErrorBuffer error;
    portico_verdict verdict = PORTICO_ALLOW;
    const portico_status status =
        library_->guardrail().check(instance_, hook, &call, toStr(payload), &verdict, rewrite.abi(), error.abi());
    if (status != PORTICO_OK) {
        core::Log::warn("guardrail", "'" + name() + "' failed (status " + std::to_string(status) + "): " + error.message());
        decision.verdict = PORTICO_BLOCK;
        decision.reason = "guardrail '" + name() + "' could not check the request";
        return decision;
    }
    decision.verdict = verdict;
    if (verdict == PORTICO_BLOCK) decision.reason = error.message();
    if (verdict == PORTICO_REWRITE && decision.rewritten.empty()) decision.verdict = PORTICO_ALLOW;
    return decision;
}

}  // namespace portico::plugins
