#include <iostream>

#include "cli/Commands.h"
#include "plugins/AbiAdapters.h"
#include "plugins/PluginLoader.h"

namespace portico::cli {
namespace {

void printCapabilities(const plugins::PluginLibrary& library) {
    switch (library.kind()) {
        case PORTICO_KIND_PROVIDER: {
            const auto& v = library.provider();
            std::cout << "shape:       " << (v.invoke ? "local (invoke)" : "translating (build_request/parse_response)") << "\n"
                      << "operations: " << ((v.operations & PORTICO_OP_CHAT) ? " chat" : "")
                      << ((v.operations & PORTICO_OP_COMPLETIONS) ? " completions" : "")
                      << ((v.operations & PORTICO_OP_EMBEDDINGS) ? " embeddings" : "")
                      << ((v.operations & PORTICO_OP_RESPONSES) ? " responses" : "") << "\n"
                      << "streaming:   " << (v.invoke || v.stream_open ? "yes" : "no")
                      << ((v.flags & PORTICO_PROVIDER_SSE_EVENTS) ? " (host splits SSE events)" : "") << "\n";
            break;
        }
        case PORTICO_KIND_OBSERVER:
            std::cout << "event mask:  0x" << std::hex << library.observer().event_mask << std::dec << "\n";
            break;
        case PORTICO_KIND_GUARDRAIL: {
            const uint32_t hooks = library.guardrail().hooks;
            std::cout << "hooks:      " << ((hooks & PORTICO_HOOK_PRE_CALL) ? " pre_call" : "")
                      << ((hooks & PORTICO_HOOK_POST_CALL) ? " post_call" : "") << "\n";
            break;
        }
    }
}

}  // namespace

int runInspect(const CommandLine& line) {
    const auto& words = line.words();
    if (line.flag("help") || words.size() != 3) {
        std::cout << "usage: portico plugins inspect FILE.so\n"
                     "Prints what the plugin declares (kind, name, version, ABI, capabilities), or why this\n"
                     "host would refuse it. Exit status 0 if it would load, 1 if refused.\n";
        return line.flag("help") ? 0 : 2;
    }
    const plugins::PluginLoader loader(nullptr);
    const plugins::LoadOutcome outcome = loader.load(words[2]);
    if (const auto* refusal = std::get_if<plugins::LoadRefusal>(&outcome)) {
        std::cout << "refused: " << refusal->reason << "\n";
        return 1;
    }
    const auto& library = *std::get<std::shared_ptr<plugins::PluginLibrary>>(outcome);
    const auto& d = library.declaration();
    std::cout << "file:        " << d.path << "\n"
              << "kind:        " << plugins::kindName(d.kind) << "\n"
              << "name:        " << d.name << "\n"
              << "version:     " << d.version << "\n"
              << "abi:         " << d.abiVersion() << " (host implements " << PORTICO_ABI_MAJOR << "." << PORTICO_ABI_MINOR << ")\n"
              << "description: " << d.description << "\n";
    printCapabilities(library);
    return 0;
}

}  // namespace portico::cli
