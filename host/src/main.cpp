#include <csignal>
#include <iostream>

#include <portico/plugin.h>

#include "cli/Commands.h"

namespace {

/// Usage goes to stdout when asked for (--help) and to stderr after a mistake.
void printUsage(std::ostream& out) {
    out << "usage: portico <command> [options]\n\n"
                 "commands:\n"
                 "  serve [--config FILE] [--host ADDR] [--port N]   run the gateway\n"
                 "  plugins inspect FILE.so                          show what a plugin declares\n\n"
                 "  --version   print the version\n"
                 "  --help      this text (also after a command)\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // Poco 1.11 sends without MSG_NOSIGNAL
    try {
        const portico::cli::CommandLine line(argc, argv, {"config", "host", "port"});
        const auto& words = line.words();
        if (line.flag("version") && words.empty()) {
            std::cout << "portico " PORTICO_VERSION " (plugin ABI " << PORTICO_ABI_MAJOR << "." << PORTICO_ABI_MINOR << ")\n";
            return 0;
        }
        if (words.empty()) {
            printUsage(line.flag("help") ? std::cout : std::cerr);
            return line.flag("help") ? 0 : 2;
        }
        if (words[0] == "serve") return portico::cli::runServe(line);
        if (words[0] == "plugins" && words.size() >= 2 && words[1] == "inspect") return portico::cli::runInspect(line);
        if (words[0] == "plugins" && words.size() == 1 && line.flag("help")) return portico::cli::runInspect(line);
        std::cerr << "portico: unknown command '" << words[0] << "'\n";
        printUsage(std::cerr);
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "portico: " << error.what() << "\n";
        return 2;
    }
}
