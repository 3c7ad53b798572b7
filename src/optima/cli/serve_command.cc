// `cloudoptima serve [--host H] [--port P] [--web-root DIR] [--no-auth]
//  [--bootstrap-password-file FILE] [--tls-cert PEM --tls-key PEM] ...`: the API and web UI.
#include <cstdio>
#include <string>

#include "optima/cli/commands.h"
#include "optima/server/server.h"

namespace optima::cli {
namespace {

struct ServeFlags {
  server::ServerOptions options;
  std::string web_root;
  std::string password_file;
  std::string tls_cert;
  std::string tls_key;
  uint64_t upload_limit_mb = 4096;
  double header_timeout = 10;
  double body_timeout = 300;
  double idle_timeout = 60;
  uint64_t query_cache_mb = 64;
  bool quiet = false;
};

std::chrono::milliseconds millis(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

int run_serve(const GlobalOptions& global, ServeFlags& flags) {
  server::ServerOptions options = flags.options;
  options.data_dir = data_dir_of(global);
  options.web_root = flags.web_root;
  options.bootstrap_password_file = flags.password_file;
  options.tls_cert = flags.tls_cert;
  options.tls_key = flags.tls_key;
  options.upload_limit = flags.upload_limit_mb << 20;
  options.header_timeout = millis(flags.header_timeout);
  options.body_timeout = millis(flags.body_timeout);
  options.idle_timeout = millis(flags.idle_timeout);
  options.log_requests = !flags.quiet;
  options.query_cache_bytes = flags.query_cache_mb << 20;
  auto server = server::Server::create(std::move(options));
  if (!server.is_ok()) return report_error(global, server.status());
  if (const auto& password = (*server)->generated_password()) {
    std::printf("Initial owner: admin / %s\n", password->c_str());
  }
  (*server)->stop_on_signals();
  (*server)->start();
  std::printf("CloudOptima listening on %s\n", (*server)->url().c_str());
  std::fflush(stdout);
  (*server)->wait();
  std::fprintf(stderr, "CloudOptima stopped\n");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the REST API (/api/v1, docs/api.md) and the web UI. First run creates the owner "
      "'admin' and prints its password (or reads it from --bootstrap-password-file).");
  cmd->add_option("--host", flags->options.host, "Address to bind")->capture_default_str();
  cmd->add_option("--port", flags->options.port, "Port (0: any free port)")->capture_default_str();
  cmd->add_option("--web-root", flags->web_root,
                  "Built web UI (default: <exe>/../share/cloudoptima/web, else web/dist)");
  cmd->add_flag("--no-auth", flags->options.no_auth,
                "No login: everyone is owner (loopback addresses only)");
  cmd->add_option("--bootstrap-password-file", flags->password_file,
                  "First run: the password of the owner 'admin'");
  cmd->add_option("--tls-cert", flags->tls_cert, "PEM certificate chain: serve HTTPS");
  cmd->add_option("--tls-key", flags->tls_key, "PEM private key of --tls-cert");
  cmd->add_option("--threads", flags->options.io_threads, "I/O threads (0: one per core)");
  cmd->add_option("--workers", flags->options.worker_threads,
                  "Request worker threads (0: one per core)");
  cmd->add_option("--upload-limit-mb", flags->upload_limit_mb, "Largest upload")
      ->capture_default_str();
  cmd->add_option("--header-timeout", flags->header_timeout, "Seconds to read a request header")
      ->capture_default_str();
  cmd->add_option("--body-timeout", flags->body_timeout,
                  "Seconds to read a request body or write a response")
      ->capture_default_str();
  cmd->add_option("--idle-timeout", flags->idle_timeout,
                  "Seconds a keep-alive connection may wait for its next request")
      ->capture_default_str();
  cmd->add_option("--query-cache-mb", flags->query_cache_mb,
                  "Memory for cost-query responses cached per data snapshot (0: no cache)")
      ->capture_default_str();
  cmd->add_flag("--quiet", flags->quiet, "No per-request log lines on stderr");
  cmd->callback([&global, flags, exit_code] { *exit_code = run_serve(global, *flags); });
}

}  // namespace optima::cli
