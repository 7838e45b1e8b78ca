#include "upstream/TlsContext.h"

#include <Poco/Exception.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>

#include <mutex>

#include "upstream/UpstreamPool.h"

namespace portico::upstream {
namespace {

void initializeSslOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        // Without an explicit handler Poco falls back to the application's configured one, which
        // is ConsoleCertificateHandler (prompts on stdin) when a Poco::Util::Application runs.
        Poco::Net::SSLManager::InvalidCertificateHandlerPtr reject(new Poco::Net::RejectCertificateHandler(false));
        Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, nullptr);
    });
}

}  // namespace

Poco::Net::Context::Ptr makeClientTlsContext(const PoolOptions& options) {
    initializeSslOnce();
    Poco::Net::Context::Params params;
    params.verificationMode = options.verify_tls ? Poco::Net::Context::VERIFY_STRICT : Poco::Net::Context::VERIFY_NONE;
    params.verificationDepth = 9;
    params.caLocation = options.ca_file;
    params.loadDefaultCAs = options.ca_file.empty();
    Poco::Net::Context::Ptr context;
    try {
        context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    } catch (const Poco::Exception& e) {
        throw UpstreamError(UpstreamErrorKind::Tls,
                            "cannot load upstream CA file " + options.ca_file + ": " + e.displayText());
    }
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->enableSessionCache(true);
    context->enableExtendedCertificateVerification(options.verify_tls);
    return context;
}

}  // namespace portico::upstream
