#pragma once
#include <stdexcept>
#include <string>

namespace portico::core {

/// An error that reaches a client. ErrorResponder renders it in the client's protocol
/// (OpenAI: {"error":{"message","type","param","code"}}) with `status` as the HTTP status.
class GatewayError : public std::runtime_error {
public:
    GatewayError(int status, std::string type, std::string code, const std::string& message,
                 std::string param = {})
        : std::runtime_error(message), status_(status), type_(std::move(type)), code_(std::move(code)),
          param_(std::move(param)) {}

    int status() const { return status_; }
    const std::string& type() const { return type_; }
    const std::string& code() const { return code_; }   ///< empty renders as null
    const std::string& param() const { return param_; } ///< empty renders as null
    /// Seconds the client should wait before retrying (an upstream's Retry-After); 0 = not said.
    unsigned retryAfterSeconds() const { return retry_after_s_; }
    GatewayError& withRetryAfter(unsigned seconds) {
        retry_after_s_ = seconds;
        return *this;
    }

    static GatewayError badRequest(const std::string& message, std::string code = {}, std::string param = {}) {
        return {400, "invalid_request_error", std::move(code), message, std::move(param)};
    }
    static GatewayError unauthorized(const std::string& message) {
        return {401, "invalid_request_error", "invalid_api_key", message};
    }
    static GatewayError notFound(const std::string& message, std::string code = {}) {
        return {404, "invalid_request_error", std::move(code), message};
    }
    static GatewayError internal(const std::string& message) { return {500, "server_error", {}, message}; }

private:
    int status_;
    std::string type_;
    std::string code_;
    std::string param_;
    unsigned retry_after_s_ = 0;
};

}  // namespace portico::core
