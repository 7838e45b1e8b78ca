#pragma once
// A throwaway certificate authority for HTTPS tests, header-only: a CA and server certificates it
// signed for "localhost" and for "other.test", made once per test run with the openssl CLI in a
// fresh temporary directory that is deleted at exit.

#include <Poco/Net/Context.h>
#include <Poco/Net/SSLManager.h>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace portico::testsupport {

class TestPki {
public:
    static const TestPki& instance() {
        static const TestPki pki;
        return pki;
    }
    ~TestPki() {
        std::error_code ignored;
        if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
    }
    TestPki(const TestPki&) = delete;
    TestPki& operator=(const TestPki&) = delete;

    /// False when openssl failed; tests should ASSERT on it to report that instead of a TLS error.
    bool ready() const { return ready_; }
    /// The CA certificate (PEM) to trust.
    std::string caFile() const { return (dir_ / "ca.crt").string(); }
    /// A TLS_SERVER_USE context presenting the certificate for `name` ("localhost" or "other.test").
    Poco::Net::Context::Ptr serverContext(const std::string& name) const {
        return new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, (dir_ / (name + ".key")).string(),
                                      (dir_ / (name + ".crt")).string(), "", Poco::Net::Context::VERIFY_NONE);
    }

private:
    TestPki() {
        Poco::Net::initializeSSL();
        std::string pattern = (std::filesystem::temp_directory_path() / "portico-pki-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) return;
        dir_ = pattern;
        // EC keys: generating them takes milliseconds, RSA keys can take seconds.
        const std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        std::string script = "cd '" + dir_.string() + "' && openssl req -x509" + ec +
                             " -keyout ca.key -out ca.crt -days 2 -subj '/CN=Portico Test CA'";
        for (const std::string name : {"localhost", "other.test"}) {
            script += " && openssl req" + ec + " -keyout " + name + ".key -out " + name + ".csr -subj '/CN=" + name +
                      "'" + " && printf 'subjectAltName=DNS:" + name + "\\nextendedKeyUsage=serverAuth\\n' > " + name +
                      ".ext" + " && openssl x509 -req -in " + name +
                      ".csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -out " + name + ".crt -extfile " + name +
                      ".ext";
        }
        ready_ = std::system(("(" + script + ") >/dev/null 2>&1").c_str()) == 0;
    }

    std::filesystem::path dir_;
    bool ready_ = false;
};

}  // namespace portico::testsupport
