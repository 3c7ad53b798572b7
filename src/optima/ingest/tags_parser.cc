#include "optima/ingest/tags_parser.h"

#include <cstring>

#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::ingest {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

bool TagsParser::parse(std::string_view text, std::string* error) {
  pairs_.clear();
  scratch_.clear();
  const std::string_view trimmed = core::trim(text);
  if (!trimmed.empty() && trimmed.front() == '"') {
    // An object written without its outer braces.
    wrapped_.clear();
    wrapped_.push_back('{');
    wrapped_.append(trimmed);
    wrapped_.push_back('}');
    text_ = wrapped_;
  } else {
    text_ = trimmed;
  }
  // Unescaped strings are never longer than their JSON text, so this capacity keeps every view
  // into scratch_ valid while parsing.
  scratch_.reserve(text_.size());
  pos_ = 0;
  skip_space();
  if (pos_ < text_.size() && text_[pos_] == '{') {
    ++pos_;
    if (!parse_object_members(error)) return false;
  } else if (pos_ < text_.size() && text_[pos_] == '[') {
    ++pos_;
    if (!parse_array(error)) return false;
  } else {
    return fail(error, "a JSON object");
  }
  skip_space();
  if (pos_ != text_.size()) return fail(error, "end of the JSON text");
  return true;
}

bool TagsParser::fail(std::string* error, std::string_view what) const {
  if (pos_ >= text_.size()) {
    *error = fmt::format("invalid JSON: expected {} at the end", what);
  } else {
    *error = fmt::format("invalid JSON: expected {} at offset {}", what, pos_);
  }
  return false;
}

void TagsParser::skip_space() {
  while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
                                 text_[pos_] == '\r')) {
    ++pos_;
  }
}

// After '{': "key": value pairs up to '}'.
bool TagsParser::parse_object_members(std::string* error) {
  skip_space();
  if (pos_ < text_.size() && text_[pos_] == '}') {
    ++pos_;
    return true;
  }
  while (true) {
    skip_space();
    std::string_view key;
    if (!parse_string(&key)) return fail(error, "a string key");
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != ':') return fail(error, "':'");
    ++pos_;
    skip_space();
    std::string_view value;
    Kind kind = Kind::kScalar;
    if (!parse_value(&value, &kind)) return fail(error, "a value");
    if (kind == Kind::kNested) {
      *error = fmt::format("a nested object or array as the value of key {} (FOCUS tags are flat)",
                           core::quote_for_message(key));
      return false;
    }
    pairs_.push_back(TagPair{key, value});
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    return fail(error, "',' or '}'");
  }
}

// After '[': objects with "key" and "value" members.
bool TagsParser::parse_array(std::string* error) {
  skip_space();
  if (pos_ < text_.size() && text_[pos_] == ']') {
    ++pos_;
    return true;
  }
  while (true) {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '{')
      return fail(error, "a {\"key\", \"value\"} object");
    ++pos_;
    bool has_key = false;
    TagPair pair;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
    } else {
      while (true) {
        skip_space();
        std::string_view name;
        if (!parse_string(&name)) return fail(error, "a string member name");
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != ':') return fail(error, "':'");
        ++pos_;
        skip_space();
        if (name == "key" || name == "value") {
          std::string_view value;
          Kind kind = Kind::kScalar;
          if (!parse_value(&value, &kind)) return fail(error, "a value");
          if (kind == Kind::kNested) {
            *error =
                fmt::format("a nested object or array as the tag {} (FOCUS tags are flat)", name);
            return false;
          }
          if (name == "key") {
            pair.key = value;
            has_key = true;
          } else {
            pair.value = value;
          }
        } else if (!skip_value(0)) {
          return fail(error, "a value");
        }
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < text_.size() && text_[pos_] == '}') {
          ++pos_;
          break;
        }
        return fail(error, "',' or '}'");
      }
    }
    if (!has_key) {
      *error = "a tag object without a \"key\" member";
      return false;
    }
    pairs_.push_back(pair);
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    return fail(error, "',' or ']'");
  }
}

bool TagsParser::parse_string(std::string_view* out) {
  if (pos_ >= text_.size() || text_[pos_] != '"') return false;
  const size_t start = ++pos_;
  // Fast path: no escapes, view the text in place.
  while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\\') ++pos_;
  if (pos_ >= text_.size()) return false;
  if (text_[pos_] == '"') {
    *out = text_.substr(start, pos_ - start);
    ++pos_;
    return true;
  }
  const size_t out_start = scratch_.size();
  scratch_.append(text_.data() + start, pos_ - start);
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (c == '"') {
      *out = std::string_view(scratch_.data() + out_start, scratch_.size() - out_start);
      return true;
    }
    if (c != '\\') {
      scratch_.push_back(c);
      continue;
    }
    if (pos_ >= text_.size()) return false;
    const char e = text_[pos_++];
    switch (e) {
      case '"':
        scratch_.push_back('"');
        break;
      case '\\':
        scratch_.push_back('\\');
        break;
      case '/':
        scratch_.push_back('/');
        break;
      case 'b':
        scratch_.push_back('\b');
        break;
      case 'f':
        scratch_.push_back('\f');
        break;
      case 'n':
        scratch_.push_back('\n');
        break;
      case 'r':
        scratch_.push_back('\r');
        break;
      case 't':
        scratch_.push_back('\t');
        break;
      case 'u': {
        auto read_hex4 = [this](uint32_t* v) {
          if (pos_ + 4 > text_.size()) return false;
          *v = 0;
          for (int k = 0; k < 4; ++k) {
            const int h = hex_value(text_[pos_++]);
            if (h < 0) return false;
            *v = *v * 16 + static_cast<uint32_t>(h);
          }
          return true;
        };
        uint32_t cp = 0;
        if (!read_hex4(&cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t low = 0;
          if (pos_ + 2 > text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u')
            return false;
          pos_ += 2;
          if (!read_hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return false;
        }
        append_utf8(cp, &scratch_);
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

bool TagsParser::parse_value(std::string_view* out, Kind* kind) {
  if (pos_ >= text_.size()) return false;
  const char c = text_[pos_];
  if (c == '"') {
    *kind = Kind::kString;
    return parse_string(out);
  }
  if (c == '{' || c == '[') {
    *kind = Kind::kNested;
    return skip_value(0);
  }
  *kind = Kind::kScalar;
  for (const std::string_view word : {std::string_view("true"), std::string_view("false")}) {
    if (text_.substr(pos_, word.size()) == word) {
      *out = text_.substr(pos_, word.size());
      pos_ += word.size();
      return true;
    }
  }
  if (text_.substr(pos_, 4) == "null") {
    *out = std::string_view();
    pos_ += 4;
    return true;
  }
  // A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  const size_t start = pos_;
  if (text_[pos_] == '-') ++pos_;
  if (pos_ >= text_.size() || !is_digit(text_[pos_])) return false;
  if (text_[pos_] == '0') {
    ++pos_;
  } else {
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  }
  if (pos_ < text_.size() && text_[pos_] == '.') {
    ++pos_;
    if (pos_ >= text_.size() || !is_digit(text_[pos_])) return false;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (pos_ >= text_.size() || !is_digit(text_[pos_])) return false;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  }
  *out = text_.substr(start, pos_ - start);
  return true;
}

// Skips any JSON value (used for members we ignore and to step over nested values). Nesting
// deeper than kMaxDepth is refused rather than risking the stack on hostile input.
bool TagsParser::skip_value(int depth) {
  constexpr int kMaxDepth = 64;
  if (pos_ >= text_.size() || depth > kMaxDepth) return false;
  const char open = text_[pos_];
  if (open != '{' && open != '[') {
    std::string_view ignored;
    Kind kind = Kind::kScalar;
    return parse_value(&ignored, &kind);
  }
  const char close = open == '{' ? '}' : ']';
  ++pos_;
  skip_space();
  if (pos_ < text_.size() && text_[pos_] == close) {
    ++pos_;
    return true;
  }
  while (true) {
    skip_space();
    if (open == '{') {
      std::string_view name;
      if (!parse_string(&name)) return false;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return false;
      ++pos_;
      skip_space();
    }
    if (!skip_value(depth + 1)) return false;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    if (pos_ < text_.size() && text_[pos_] == close) {
      ++pos_;
      return true;
    }
    return false;
  }
}

}  // namespace optima::ingest
