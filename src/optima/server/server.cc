// Server: listening, accepting, graceful shutdown, first-run bootstrap.
#include "optima/server/server.h"

#include <chrono>
#include <csignal>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/server/api_dispatcher.h"
#include "optima/server/http_session.h"
#include "optima/server/routes.h"
#include "optima/server/secrets.h"

namespace optima::server {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

size_t threads_or_cores(size_t n) {
  if (n > 0) return n;
  return std::max<size_t>(1, std::thread::hardware_concurrency());
}

int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The first owner: "admin" with the password from the file, or a random one returned to print.
core::Result<std::optional<std::string>> bootstrap_owner(AuthStore& auth,
                                                         const std::filesystem::path& file) {
  OPTIMA_ASSIGN_OR_RETURN(size_t users, auth.user_count());
  if (users > 0) return std::optional<std::string>();
  std::optional<std::string> generated;
  std::string password;
  if (!file.empty()) {
    auto text = core::read_file(file);
    if (!text.is_ok()) return text.status().with_context("--bootstrap-password-file");
    password = std::string(core::trim(*text));
  } else {
    password = random_password(20);
    generated = password;
  }
  OPTIMA_RETURN_IF_ERROR(
      auth.create_user("admin", password, Role::kOwner).with_context("bootstrap owner"));
  return generated;
}

}  // namespace

struct Server::Impl {
  explicit Impl(size_t threads_hint)
      : ioc(static_cast<int>(threads_hint)), acceptor(ioc), signals(ioc) {}

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](boost::system::error_code ec,
                                                        tcp::socket socket) {
      if (ec) {
        if (!acceptor.is_open()) return;  // stopping
        // Out of file descriptors or a connection reset before accept: keep accepting.
        return accept();
      }
      std::shared_ptr<SessionControl> session =
          ssl ? start_tls_session(env, std::move(socket), *ssl)
              : start_plain_session(env, std::move(socket));
      remember(session);
      accept();
    });
  }

  void remember(const std::shared_ptr<SessionControl>& session) {
    std::lock_guard lock(sessions_mutex);
    if (++since_prune >= 1024) {
      since_prune = 0;
      std::erase_if(sessions, [](const auto& w) { return w.expired(); });
    }
    sessions.push_back(session);
  }

  // On the io_context: stop accepting and tell every session.
  void begin_shutdown() {
    stopping = true;
    boost::system::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::vector<std::weak_ptr<SessionControl>> all;
    {
      std::lock_guard lock(sessions_mutex);
      all.swap(sessions);
    }
    for (const auto& weak : all) {
      if (auto s = weak.lock()) s->begin_shutdown();
    }
  }

  ServerContext context;
  std::unique_ptr<ApiDispatcher> dispatcher;
  net::io_context ioc;
  tcp::acceptor acceptor;
  std::optional<net::ssl::context> ssl;
  net::signal_set signals;
  std::unique_ptr<net::thread_pool> workers;
  std::atomic<bool> stopping{false};
  SessionEnv env;
  std::mutex sessions_mutex;
  std::vector<std::weak_ptr<SessionControl>> sessions;
  size_t since_prune = 0;
  std::vector<std::thread> threads;
  std::mutex stop_mutex;
  std::condition_variable stop_cv;
  bool stop_requested = false;
  bool finished = false;
  std::optional<std::string> generated_password;
  uint16_t port = 0;
  size_t io_threads = 1;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

core::Result<std::unique_ptr<Server>> Server::create(ServerOptions options) {
  boost::system::error_code ec;
  const std::string host = options.host == "localhost" ? "127.0.0.1" : options.host;
  const net::ip::address address = net::ip::make_address(host, ec);
  if (ec) return core::invalid_argument(fmt::format("--host: not an IP address: {}", options.host));
  if (options.no_auth && !address.is_loopback()) {
    return core::invalid_argument(fmt::format(
        "--no-auth is allowed only on a loopback address (127.0.0.1, ::1), not {}: anyone who "
        "can reach the port would be owner",
        options.host));
  }
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return core::invalid_argument("--tls-cert and --tls-key go together");
  }
  if (options.web_root.empty()) options.web_root = default_web_root();
  if (!options.clock) options.clock = system_now;

  const size_t io_threads = threads_or_cores(options.io_threads);
  auto impl = std::make_unique<Impl>(io_threads);
  impl->io_threads = io_threads;
  ServerContext& ctx = impl->context;
  ctx.options = options;
  ctx.clock = options.clock;
  std::filesystem::create_directories(options.data_dir, ec);
  OPTIMA_ASSIGN_OR_RETURN(ctx.store, store::Store::open(options.data_dir));
  OPTIMA_ASSIGN_OR_RETURN(ctx.auth, AuthStore::open(options.data_dir / "state.db", options.clock,
                                                    options.session_ttl_seconds));
  OPTIMA_ASSIGN_OR_RETURN(impl->generated_password,
                          bootstrap_owner(*ctx.auth, options.bootstrap_password_file));
  ctx.login_limiter = std::make_unique<LoginRateLimiter>(
      options.login_max_failures, options.login_window_seconds, options.clock);
  ctx.jobs = std::make_unique<JobManager>(*ctx.store, ctx.events, ctx.metrics, options.clock);
  ctx.static_files = std::make_unique<StaticFiles>(options.web_root);
  impl->dispatcher = std::make_unique<ApiDispatcher>(ctx, build_route_table(ctx));

  if (!options.tls_cert.empty()) {
    impl->ssl.emplace(net::ssl::context::tls_server);
    impl->ssl->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                           net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                           net::ssl::context::no_tlsv1_1);
    impl->ssl->use_certificate_chain_file(options.tls_cert.string(), ec);
    if (ec) return core::invalid_argument(fmt::format("--tls-cert {}: {}", options.tls_cert.string(), ec.message()));
    impl->ssl->use_private_key_file(options.tls_key.string(), net::ssl::context::pem, ec);
    if (ec) return core::invalid_argument(fmt::format("--tls-key {}: {}", options.tls_key.string(), ec.message()));
  }

  const tcp::endpoint endpoint(address, options.port);
  tcp::acceptor& acceptor = impl->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return core::io_error(fmt::format("cannot listen on {}:{}: {}", options.host, options.port,
                                      ec.message()));
  }
  impl->port = acceptor.local_endpoint().port();
  impl->workers = std::make_unique<net::thread_pool>(threads_or_cores(options.worker_threads));
  impl->env.dispatcher = impl->dispatcher.get();
  impl->env.workers = impl->workers.get();
  impl->env.stopping = &impl->stopping;
  impl->env.tls = impl->ssl.has_value();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::port() const { return impl_->port; }

std::string Server::url() const {
  const std::string& host = impl_->context.options.host;
  const bool v6 = host.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}:{}/", impl_->ssl ? "https" : "http", v6 ? "[" : "", host,
                     v6 ? "]" : "", impl_->port);
}

const std::optional<std::string>& Server::generated_password() const {
  return impl_->generated_password;
}

void Server::start() {
  impl_->accept();
  for (size_t i = 0; i < impl_->io_threads; ++i) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
}

void Server::stop_on_signals() {
  impl_->signals.add(SIGINT);
  impl_->signals.add(SIGTERM);
  impl_->signals.async_wait([this](boost::system::error_code ec, int) {
    if (!ec) request_stop();
  });
}

void Server::request_stop() {
  {
    std::lock_guard lock(impl_->stop_mutex);
    impl_->stop_requested = true;
  }
  impl_->stop_cv.notify_all();
}

void Server::wait() {
  {
    std::unique_lock lock(impl_->stop_mutex);
    impl_->stop_cv.wait(lock, [this] { return impl_->stop_requested; });
    if (impl_->finished) return;
    impl_->finished = true;
  }
  Impl& impl = *impl_;
  net::post(impl.ioc, [&impl] { impl.begin_shutdown(); });
  const auto deadline = std::chrono::steady_clock::now() + impl.context.options.shutdown_grace;
  if (!impl.threads.empty()) {
    while (impl.context.metrics.open_connections() > 0 &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  impl.ioc.stop();
  for (std::thread& t : impl.threads) t.join();
  impl.threads.clear();
  impl.workers->join();
  impl.context.jobs->shutdown();
}

void Server::stop() {
  request_stop();
  wait();
}

}  // namespace optima::server
