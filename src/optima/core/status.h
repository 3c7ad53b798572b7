// Status and Result<T>: how every fallible function in CloudOptima reports failure.
//
// Our code raises no exceptions. A function that can fail returns [[nodiscard]] Status or Result<T>;
// callers propagate with OPTIMA_RETURN_IF_ERROR / OPTIMA_ASSIGN_OR_RETURN. One function maps a
// StatusCode to a CLI exit code (exit_code_for); the server maps it to an HTTP status.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace optima::core {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // the caller's input is malformed (bad file, bad query, bad flag)
  kNotFound,          // a named thing does not exist
  kAlreadyExists,
  kFailedPrecondition,
  kDataLoss,          // stored data is corrupt (checksum mismatch)
  kIoError,           // the OS refused a read or write
  kUnimplemented,
  kInternal,          // a bug: an invariant did not hold
  kResourceExhausted, // too many bad rows, too large
  kCancelled,
};

std::string_view status_code_name(StatusCode code);

// Thread-compatible value type. An OK status carries no message.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }
  bool is_ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "InvalidArgument: row 3, column BilledCost: expected decimal, found 'N/A'".
  std::string to_string() const;
  // Returns a copy whose message is "<context>: <message>".
  Status with_context(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

Status invalid_argument(std::string message);
Status not_found(std::string message);
Status io_error(std::string message);
Status data_loss(std::string message);
Status internal_error(std::string message);
Status failed_precondition(std::string message);
Status resource_exhausted(std::string message);
Status already_exists(std::string message);
Status unimplemented(std::string message);

// Process exit code for a status: 0 ok, 2 bad input, 3 not found, 4 I/O or data loss, 1 other.
int exit_code_for(const Status& status);

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (status_.is_ok()) status_ = internal_error("Result constructed from OK status");
  }

  bool is_ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // Requires: is_ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace optima::core

#define OPTIMA_CONCAT_INNER(a, b) a##b
#define OPTIMA_CONCAT(a, b) OPTIMA_CONCAT_INNER(a, b)

#define OPTIMA_RETURN_IF_ERROR(expr)                   \
  do {                                                 \
    ::optima::core::Status optima_status_ = (expr);    \
    if (!optima_status_.is_ok()) return optima_status_; \
  } while (false)

#define OPTIMA_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.is_ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#define OPTIMA_ASSIGN_OR_RETURN(lhs, expr) \
  OPTIMA_ASSIGN_OR_RETURN_IMPL(OPTIMA_CONCAT(optima_result_, __LINE__), lhs, expr)

// Programmer errors only, never user input: prints and aborts.
#define OPTIMA_CHECK(cond)                                                     \
  do {                                                                         \
    if (!(cond)) ::optima::core::check_failed(#cond, __FILE__, __LINE__);      \
  } while (false)

namespace optima::core {
[[noreturn]] void check_failed(const char* condition, const char* file, int line);
}  // namespace optima::core
