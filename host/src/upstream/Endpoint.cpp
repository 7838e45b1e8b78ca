#include "upstream/Endpoint.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <string_view>

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
    const std::string_view written = std::string_view(url).substr(start, url.find('#', start) - start);
    // Built by appending, not with insert(0, "/"): g++ 12 at -O3 reports a false -Wrestrict in
    // basic_string::_M_replace for that insert (GCC bug 105329).
    std::string target;
    target.reserve(written.size() + 1);
    if (written.empty() || written.front() != '/') target.push_back('/');
    target.append(written);
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
