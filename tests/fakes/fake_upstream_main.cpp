// fake_upstream: a fake of every upstream provider (OpenAI-compatible, Anthropic, Gemini, Azure,
// Bedrock; one folder each) for integration tests and the load benchmark.
// Usage: fake_upstream [--host 127.0.0.1] [--port 0] [--threads 256]
// Prints "listening on http://HOST:PORT" on stdout once it accepts connections; exits 0 on
// SIGTERM or SIGINT.
//   Provider folders document their own paths (FakeRouter.cpp lists them). OpenAI:
//   POST /v1/chat/completions  Bearer key required ("sk-bad" is refused); behaviour by model name
//                              as in ModelBehavior.h; header x-fake-chunks: N sets the number of
//                              content events of a stream (default 5).
//   GET  /v1/models            OpenAI model list.
//   GET  /stats                counters (see InspectionHandler.h).
//   GET  /last-request         headers and raw body of the last API request.
#include <Poco/ErrorHandler.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "CountingConnectionFactory.h"
#include "FakeRouter.h"
#include "FakeState.h"
#include "SilentErrorHandler.h"

namespace {

struct Options {
    std::string host = "127.0.0.1";
    int port = 0;
    int threads = 256;
};

[[noreturn]] void usage(const char* message) {
    std::cerr << "fake_upstream: " << message << "\nusage: fake_upstream [--host ADDR] [--port N] [--threads N]\n";
    std::exit(2);
}

Options parseOptions(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) usage("missing value");
        const char* value = argv[++i];
        try {
            if (arg == "--host") {
                options.host = value;
            } else if (arg == "--port") {
                options.port = std::stoi(value);
            } else if (arg == "--threads") {
                options.threads = std::stoi(value);
            } else {
                usage("unknown option");
            }
        } catch (const std::logic_error&) {
            usage("bad number");
        }
    }
    if (options.port < 0 || options.port > 65535 || options.threads < 1) usage("value out of range");
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    const Options options = parseOptions(argc, argv);

    // Block the stop signals before any thread starts so that only sigwait() below sees them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    try {
        static portico::fakes::SilentErrorHandler errorHandler;
        Poco::ErrorHandler::set(&errorHandler);

        portico::fakes::FakeState state;
        Poco::Net::ServerSocket socket;
        socket.bind(Poco::Net::SocketAddress(options.host, static_cast<Poco::UInt16>(options.port)), true);
        socket.listen(1024);  // the default 64 overflows when the benchmark connects in a burst

        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setKeepAlive(true);
        params->setMaxThreads(options.threads);  // one thread per open connection, idle ones included
        params->setMaxQueued(1024);
        Poco::ThreadPool pool(16, options.threads);
        Poco::Net::HTTPRequestHandlerFactory::Ptr router = new portico::fakes::FakeRouter(state);
        Poco::Net::TCPServer server(new portico::fakes::CountingConnectionFactory(state, params, router), pool,
                                    socket, params);
        server.start();
        std::cout << "listening on http://" << options.host << ':' << socket.address().port() << std::endl;

        int received = 0;
        sigwait(&stopSignals, &received);
        server.stop();
        // In-flight handlers may be sleeping (slow-<ms>); a test double need not wait for them.
        std::fflush(stdout);
        std::_Exit(0);
    } catch (const Poco::Exception& e) {
        std::cerr << "fake_upstream: " << e.displayText() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "fake_upstream: " << e.what() << '\n';
        return 1;
    }
}
