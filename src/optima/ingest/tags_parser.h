// TagsParser: reads a Tags cell into key/value pairs.
//
// FOCUS KeyValueFormat is a JSON object whose values are strings, numbers, booleans or null
// (no nested objects or arrays). Exports also write the object without its outer braces (Azure
// cost details: "k": "v","k2": "v2") and an array of {"key": ..., "value": ...} objects (Google's
// FOCUS view; other members such as "inherited" and "namespace" are ignored). Not thread-safe;
// one per thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace optima::ingest {

struct TagPair {
  std::string_view key;
  std::string_view value;
};

class TagsParser {
 public:
  // Parses `text` (not empty). On success pairs() holds the tags in source order, as views into
  // `text` or into this parser, valid until the next call. Non-string values become their JSON
  // text (true → "true", 1.50 → "1.50"); null becomes "". On failure returns false and sets
  // *error to what was wrong, e.g. "a nested object as the value of key 'a'" or "invalid JSON
  // at offset 12".
  bool parse(std::string_view text, std::string* error);
  const std::vector<TagPair>& pairs() const { return pairs_; }

 private:
  enum class Kind { kString, kScalar, kNested };
  bool parse_object_members(std::string* error);
  bool parse_array(std::string* error);
  bool parse_string(std::string_view* out);
  bool parse_value(std::string_view* out, Kind* kind);
  bool skip_value(int depth);
  void skip_space();
  bool fail(std::string* error, std::string_view what) const;

  std::string_view text_;
  size_t pos_ = 0;
  std::string scratch_;  // unescaped strings; reserved so views stay valid
  std::string wrapped_;  // "{" + text + "}" for objects written without braces
  std::vector<TagPair> pairs_;
};

}  // namespace optima::ingest
