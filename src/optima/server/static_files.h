// StaticFiles: the web UI's built files served from a web root (--web-root).
//
// Paths are decoded once by the caller; any '..' or '.' segment, backslash or NUL is refused
// (400), and a file whose real path (symlinks resolved) leaves the root is not served (404).
// Unknown paths fall back to index.html (the UI routes on the client side). Files under
// /assets/ carry content hashes in their names and are cached for a year; everything else
// is revalidated. Without index.html, "/" answers a short page saying how to build the UI.
// Thread-safe (reads the file system on each request).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "optima/server/api_response.h"

namespace optima::server {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  const std::filesystem::path& root() const { return root_; }
  // The response for a GET of `path` (decoded, starting with '/').
  ApiResponse serve(std::string_view path) const;

  // "text/html; charset=utf-8" etc. by extension; application/octet-stream when unknown.
  static std::string_view content_type_for(const std::filesystem::path& file);

 private:
  ApiResponse file_response(const std::filesystem::path& file, bool immutable) const;

  std::filesystem::path root_;  // canonical, or empty when it does not exist
};

}  // namespace optima::server
