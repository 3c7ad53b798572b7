// The connection state machine (see http_session.h), one template for plain and TLS streams.
#include "optima/server/http_session.h"

#include <chrono>
#include <deque>
#include <optional>
#include <random>
#include <string>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/server/secrets.h"

namespace optima::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

template <class Stream>
constexpr bool kIsTls = !std::is_same_v<Stream, beast::tcp_stream>;

// The client's X-Request-Id when it is a sane token, else a fresh random id.
std::string request_id_for(std::string_view given) {
  if (!given.empty() && given.size() <= 64) {
    bool ok = true;
    for (char c : given) {
      ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.');
    }
    if (ok) return std::string(given);
  }
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

template <class Stream>
class HttpSession final : public SessionControl,
                          public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  template <class... Args>
  HttpSession(SessionEnv& env, Args&&... args)
      : env_(env), stream_(std::forward<Args>(args)...), timer_(stream_.get_executor()) {
    metrics().connection_opened();
    beast::error_code ec;
    auto endpoint = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~HttpSession() override {
    remove_upload();
    metrics().connection_closed();
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kIsTls<Stream>) {
        self->lowest().expires_after(self->options().header_timeout);
        self->stream_.async_handshake(net::ssl::stream_base::server,
                                      [self](beast::error_code ec) {
                                        if (ec) return self->close();
                                        self->read_header();
                                      });
      } else {
        self->read_header();
      }
    });
  }

  void begin_shutdown() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->stopping_ = true;
      if (self->phase_ == Phase::kIdle || self->phase_ == Phase::kReadingHeader ||
          self->phase_ == Phase::kStreaming) {
        self->close();
      }
    });
  }

 private:
  enum class Phase { kIdle, kReadingHeader, kReadingBody, kHandling, kWriting, kStreaming, kClosed };

  const ServerOptions& options() const { return env_.dispatcher->context().options; }
  Metrics& metrics() const { return env_.dispatcher->context().metrics; }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  // Keep-alive: wait for the next request's first byte within the idle timeout, then give its
  // header the header timeout.
  void wait_next() {
    if (stopping_ || env_.stopping->load()) return close();
    if (buffer_.size() > 0) return read_header();
    phase_ = Phase::kIdle;
    lowest().expires_after(options().idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code ec, size_t n) {
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void read_header() {
    phase_ = Phase::kReadingHeader;
    request_ = RequestContext{};
    request_.remote_address = remote_;
    request_.tls = kIsTls<Stream>;
    close_after_ = false;
    route_ = nullptr;
    header_parser_.emplace();
    header_parser_->header_limit(static_cast<uint32_t>(options().header_limit));
    // The body limit depends on the route: checked once the header is admitted.
    header_parser_->body_limit(boost::none);
    lowest().expires_after(options().header_timeout);
    http::async_read_header(stream_, buffer_, *header_parser_,
                            [self = this->shared_from_this()](beast::error_code ec, size_t) {
                              self->on_header(ec);
                            });
  }

  void on_header(beast::error_code ec) {
    started_ = std::chrono::steady_clock::now();
    if (ec == http::error::header_limit) {
      close_after_ = true;
      route_label_ = "unmatched";
      request_.request_id = request_id_for("");
      ApiError e = invalid_argument_error("request header too large");
      e.status = 431;
      return write_response(error_response(std::move(e)));
    }
    if (ec) {
      if (!is_parse_error(ec)) return close();
      close_after_ = true;
      route_label_ = "unmatched";
      request_.request_id = request_id_for("");
      return write_response(error_response(invalid_argument_error("malformed HTTP request")));
    }
    const auto& head = header_parser_->get();
    request_.method = head.method();
    request_.headers = static_cast<const http::fields&>(head);
    request_.request_id = request_id_for(head["X-Request-Id"]);
    keep_alive_ = head.keep_alive();
    const bool has_body = head.chunked() || (head.has_content_length() &&
                                             header_parser_->content_length().value_or(0) > 0);
    Admission admission = env_.dispatcher->admit(head.target(), request_);
    route_label_ = admission.route_label;
    route_ = admission.route;
    if (admission.reject) {
      close_after_ = has_body;  // do not read a body we refuse
      return write_response(std::move(*admission.reject));
    }
    if (route_ != nullptr && route_->body == BodyKind::kEventStream) return start_stream();
    const bool file = route_ != nullptr && route_->body == BodyKind::kFile;
    const uint64_t limit = file ? options().upload_limit : options().json_body_limit;
    if (header_parser_->content_length().value_or(0) > limit) {
      close_after_ = true;
      return write_response(error_response(payload_too_large_error(
          fmt::format("the request body is larger than the limit of {} bytes", limit))));
    }
    phase_ = Phase::kReadingBody;
    const auto expect = head[http::field::expect];
    if (core::iequals(core::trim(std::string_view(expect.data(), expect.size())), "100-continue")) {
      return send_continue(file, limit);
    }
    read_body(file, limit);
  }

  void send_continue(bool file, uint64_t limit) {
    static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    lowest().expires_after(options().body_timeout);
    net::async_write(stream_, net::buffer(kContinue),
                     [self = this->shared_from_this(), file, limit](beast::error_code ec, size_t) {
                       if (ec) return self->close();
                       self->read_body(file, limit);
                     });
  }

  void read_body(bool file, uint64_t limit) {
    lowest().expires_after(options().body_timeout);
    auto self = this->shared_from_this();
    if (file) {
      const auto dir = options().data_dir / "uploads";
      std::error_code fs_ec;
      std::filesystem::create_directories(dir, fs_ec);
      upload_path_ = dir / ("incoming-" + random_hex(12) + ".part");
      file_parser_.emplace(std::move(*header_parser_));
      file_parser_->body_limit(limit);
      beast::error_code ec;
      file_parser_->get().body().open(upload_path_.c_str(), beast::file_mode::write, ec);
      if (ec) {
        close_after_ = true;
        return write_response(
            error_response(internal_api_error("cannot create the upload file: " + ec.message())));
      }
      if (file_parser_->is_done()) return on_body({});
      http::async_read(stream_, buffer_, *file_parser_,
                       [self](beast::error_code e, size_t) { self->on_body(e); });
      return;
    }
    string_parser_.emplace(std::move(*header_parser_));
    string_parser_->body_limit(limit);
    if (string_parser_->is_done()) return on_body({});
    http::async_read(stream_, buffer_, *string_parser_,
                     [self](beast::error_code e, size_t) { self->on_body(e); });
  }

  void on_body(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      close_after_ = true;
      return write_response(error_response(payload_too_large_error("the request body is too large")));
    }
    if (ec) {
      if (!is_parse_error(ec)) return close();
      close_after_ = true;
      return write_response(error_response(invalid_argument_error("malformed request body")));
    }
    if (file_parser_) {
      file_parser_->get().body().close();
      file_parser_.reset();
      request_.body_file = upload_path_;
    } else {
      request_.body = string_parser_->release().body();
      string_parser_.reset();
    }
    phase_ = Phase::kHandling;
    net::post(*env_.workers, [self = this->shared_from_this()] {
      ApiResponse response = self->env_.dispatcher->handle(self->route_, self->request_);
      net::post(self->stream_.get_executor(),
                [self, r = std::move(response)]() mutable { self->write_response(std::move(r)); });
    });
  }

  void remove_upload() {
    if (upload_path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove(upload_path_, ec);
    upload_path_.clear();
  }

  void write_response(ApiResponse r) {
    remove_upload();
    phase_ = Phase::kWriting;
    ApiDispatcher::render_error(r, request_.request_id);
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(r.status), 11);
    res->set(http::field::server, "CloudOptima");
    res->set("X-Request-Id", request_.request_id);
    if (!r.content_type.empty()) res->set(http::field::content_type, r.content_type);
    for (auto& [name, value] : r.headers) res->insert(name, value);
    res->keep_alive(keep_alive_ && !close_after_ && !stopping_ && !env_.stopping->load());
    const size_t bytes = r.body.size();
    if (request_.method == http::verb::head) {
      res->content_length(bytes);
    } else {
      res->body() = std::move(r.body);
      res->prepare_payload();
    }
    response_ = res;
    status_ = r.status;
    lowest().expires_after(options().body_timeout);
    http::async_write(stream_, *res,
                      [self = this->shared_from_this(), bytes](beast::error_code ec, size_t) {
                        self->on_write(ec, bytes);
                      });
  }

  void on_write(beast::error_code ec, size_t bytes) {
    env_.dispatcher->record(request_, route_label_, status_, bytes,
                            std::chrono::steady_clock::now() - started_);
    const bool keep = response_->keep_alive();
    response_.reset();
    if (ec || !keep) return close();
    wait_next();
  }

  // --- Server-sent events. ---

  void start_stream() {
    phase_ = Phase::kStreaming;
    ApiResponse first = env_.dispatcher->handle(route_, request_);
    std::string head = fmt::format(
        "HTTP/1.1 200 OK\r\nServer: CloudOptima\r\nContent-Type: text/event-stream\r\n"
        "Cache-Control: no-cache\r\nX-Accel-Buffering: no\r\nX-Request-Id: {}\r\n"
        "Connection: close\r\n\r\n",
        request_.request_id);
    status_ = 200;
    enqueue(std::make_shared<const std::string>(head + first.body));
    std::weak_ptr<HttpSession> weak = this->shared_from_this();
    auto executor = stream_.get_executor();
    subscription_ = env_.dispatcher->context().events.subscribe(
        [weak, executor](std::shared_ptr<const std::string> frame) {
          net::post(executor, [weak, frame] {
            if (auto self = weak.lock()) self->enqueue(frame);
          });
        });
    arm_keepalive();
  }

  void arm_keepalive() {
    timer_.expires_after(options().sse_keepalive);
    timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (ec || self->phase_ != Phase::kStreaming) return;
      static const auto kComment = std::make_shared<const std::string>(": keep-alive\n\n");
      self->enqueue(kComment);
      self->arm_keepalive();
    });
  }

  void enqueue(std::shared_ptr<const std::string> frame) {
    if (phase_ != Phase::kStreaming) return;
    if (queue_.size() >= 256) return close();  // a client this far behind is gone or stuck
    queue_.push_back(std::move(frame));
    if (!writing_) write_next();
  }

  void write_next() {
    writing_ = true;
    lowest().expires_after(options().body_timeout);
    net::async_write(stream_, net::buffer(*queue_.front()),
                     [self = this->shared_from_this()](beast::error_code ec, size_t n) {
                       self->stream_bytes_ += n;
                       self->writing_ = false;
                       if (ec) return self->close();
                       self->queue_.pop_front();
                       if (!self->queue_.empty()) self->write_next();
                     });
  }

  void close() {
    if (phase_ == Phase::kClosed) return;
    if (phase_ == Phase::kStreaming) {
      env_.dispatcher->context().events.unsubscribe(subscription_);
      env_.dispatcher->record(request_, route_label_, status_, stream_bytes_,
                              std::chrono::steady_clock::now() - started_);
    }
    phase_ = Phase::kClosed;
    timer_.cancel();
    beast::error_code ec;
    if constexpr (kIsTls<Stream>) {
      lowest().expires_after(std::chrono::seconds(1));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
        beast::error_code ignored;
        self->lowest().socket().close(ignored);
      });
    } else {
      lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      lowest().close();
    }
  }

  SessionEnv& env_;
  Stream stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::string remote_;
  Phase phase_ = Phase::kIdle;
  bool stopping_ = false;
  bool keep_alive_ = true;
  bool close_after_ = false;
  RequestContext request_;
  const Route* route_ = nullptr;
  std::string route_label_;
  std::chrono::steady_clock::time_point started_;
  unsigned status_ = 0;
  std::optional<http::request_parser<http::empty_body>> header_parser_;
  std::optional<http::request_parser<http::string_body>> string_parser_;
  std::optional<http::request_parser<http::file_body>> file_parser_;
  std::filesystem::path upload_path_;
  std::shared_ptr<http::response<http::string_body>> response_;
  // Event streams.
  uint64_t subscription_ = 0;
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool writing_ = false;
  uint64_t stream_bytes_ = 0;
};

}  // namespace

std::shared_ptr<SessionControl> start_plain_session(SessionEnv& env, tcp::socket socket) {
  auto session = std::make_shared<HttpSession<beast::tcp_stream>>(env, std::move(socket));
  session->start();
  return session;
}

std::shared_ptr<SessionControl> start_tls_session(SessionEnv& env, tcp::socket socket,
                                                  net::ssl::context& ssl) {
  auto session = std::make_shared<HttpSession<beast::ssl_stream<beast::tcp_stream>>>(
      env, std::move(socket), ssl);
  session->start();
  return session;
}

}  // namespace optima::server
