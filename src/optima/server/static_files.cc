// Static file serving with traversal checks and SPA fallback.
#include "optima/server/static_files.h"

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"

namespace optima::server {
namespace {

constexpr const char* kNoUiPage =
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>CloudOptima</title></head><body>"
    "<h1>CloudOptima</h1><p>The API is running under <a href=\"/api/v1/openapi.json\">/api/v1</a>, "
    "but the web UI is not built. Run <code>make run</code> (it builds <code>web/dist</code>), or "
    "build it with <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code> and pass "
    "<code>--web-root web/dist</code>.</p></body></html>\n";

bool inside(const std::filesystem::path& root, const std::filesystem::path& file) {
  auto r = root.begin();
  auto f = file.begin();
  for (; r != root.end(); ++r, ++f) {
    if (f == file.end() || *r != *f) return false;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) {
  std::error_code ec;
  auto canonical = std::filesystem::canonical(root, ec);
  if (!ec && std::filesystem::is_directory(canonical, ec)) root_ = canonical;
}

std::string_view StaticFiles::content_type_for(const std::filesystem::path& file) {
  const std::string ext = core::to_lower_ascii(file.extension().string());
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

ApiResponse StaticFiles::file_response(const std::filesystem::path& file, bool immutable) const {
  auto bytes = core::read_file(file);
  if (!bytes.is_ok()) return error_response(not_found_error("not found"));
  ApiResponse r;
  r.content_type = std::string(content_type_for(file));
  r.body = std::move(bytes).value();
  r.headers.emplace_back("Cache-Control",
                         immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

ApiResponse StaticFiles::serve(std::string_view path) const {
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
    return error_response(invalid_argument_error("invalid path"));
  }
  for (std::string_view segment : core::split(path, '/')) {
    if (segment == ".." || segment == ".") {
      return error_response(invalid_argument_error("invalid path"));
    }
  }
  std::error_code ec;
  const std::filesystem::path index = root_ / "index.html";
  const bool has_index = !root_.empty() && std::filesystem::is_regular_file(index, ec);
  if (!has_index) {
    if (path == "/" || path == "/index.html") {
      ApiResponse r;
      r.content_type = "text/html; charset=utf-8";
      r.body = kNoUiPage;
      r.headers.emplace_back("Cache-Control", "no-cache");
      return r;
    }
    return error_response(not_found_error("not found (the web UI is not built)"));
  }
  std::string relative(path);
  while (!relative.empty() && relative.front() == '/') relative.erase(0, 1);
  if (!relative.empty()) {
    const std::filesystem::path candidate = root_ / relative;
    auto real = std::filesystem::canonical(candidate, ec);
    if (!ec) {
      if (!inside(root_, real)) return error_response(not_found_error("not found"));
      if (std::filesystem::is_regular_file(real, ec)) {
        return file_response(real, core::istarts_with(relative, "assets/"));
      }
    }
    // A missing asset is a 404, not the app: a stale bundle reference should fail visibly.
    if (core::istarts_with(relative, "assets/")) return error_response(not_found_error("not found"));
  }
  return file_response(index, false);
}

}  // namespace optima::server
