#include "upstream/Endpoint.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include "upstream/UpstreamPool.h"

namespace portico::upstream {
namespace {

std::string bracketed(const std::string& host) {
    return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

/// The path and query exactly as written: Poco::URI decodes and re-encodes the path, which would
/// change escapes such as %2F that some upstreams depend on. The fragment is never sent.
std::string rawTarget(const std::string& url) {
    const std::size_t authority = url.find("://") + 3;
    const std::size_t start = url.find_first_of("/?#", authority);
    if (start == std::string::npos) return "/";
    std::string target = url.substr(start, url.find('#', start) - start);
    if (target.empty() || target.front() != '/') target.insert(0, "/");
    return target;
}

}  // namespace

Endpoint Endpoint::parse(const std::string& url) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception&) {
        throw UpstreamError(UpstreamErrorKind::Protocol, "upstream URL is not a valid absolute URL");
    }
    Endpoint endpoint;
    if (uri.getScheme() == "https")
        endpoint.secure = true;
    else if (uri.getScheme() != "http")
        throw UpstreamError(UpstreamErrorKind::Protocol, "upstream URL scheme must be http or https");
    endpoint.host = uri.getHost();
    if (endpoint.host.empty()) throw UpstreamError(UpstreamErrorKind::Protocol, "upstream URL has no host");
    // Poco::URI fills in the scheme's well-known port when the URL names none.
    endpoint.port = uri.getPort();
    endpoint.target = rawTarget(url);
    return endpoint;
}

std::string Endpoint::key() const {
    return std::string(secure ? "https://" : "http://") + bracketed(host) + ":" + std::to_string(port);
}

std::string Endpoint::hostHeader() const {
    const bool default_port = secure ? port == 443 : port == 80;
    return default_port ? bracketed(host) : bracketed(host) + ":" + std::to_string(port);
}

}  // namespace portico::upstream
