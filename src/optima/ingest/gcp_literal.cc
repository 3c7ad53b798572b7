#include "optima/ingest/gcp_literal.h"

#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::ingest {

std::string_view gcp_literal_kind_name(GcpLiteralKind kind) {
  switch (kind) {
    case GcpLiteralKind::kNull: return "null";
    case GcpLiteralKind::kBool: return "boolean";
    case GcpLiteralKind::kNumber: return "number";
    case GcpLiteralKind::kString: return "string";
    case GcpLiteralKind::kArray: return "array";
    case GcpLiteralKind::kObject: return "object";
  }
  return "value";
}

const GcpLiteralNode* GcpLiteralDocument::find(const GcpLiteralNode& object,
                                               std::string_view key) const {
  for (const GcpLiteralMember& member : members(object)) {
    if (member.key == key) return &nodes_[member.node];
  }
  return nullptr;
}

// Recursive descent over one text. Methods return false after recording the first error.
class GcpLiteralDocument::Parser {
 public:
  Parser(GcpLiteralDocument* doc, std::string_view text, GcpLiteralSyntax syntax)
      : doc_(doc), text_(text), python_(syntax == GcpLiteralSyntax::kPython) {}

  core::Status run() {
    uint32_t root = 0;
    skip_space();
    if (!value(0, &root)) return error();
    skip_space();
    if (pos_ != text_.size()) {
      fail("expected end of input after the value");
      return error();
    }
    return core::Status::ok();
  }

 private:
  core::Status error() const {
    return core::invalid_argument(fmt::format("column {}: {}", error_pos_ + 1, error_));
  }

  bool fail(std::string_view expected) { return fail_at(pos_, expected); }
  bool fail_at(size_t pos, std::string_view expected) {
    error_pos_ = pos;
    if (pos >= text_.size()) {
      error_ = fmt::format("{}, found end of input", expected);
    } else {
      error_ = fmt::format("{}, found {}", expected, core::quote_for_message(text_.substr(pos, 1)));
    }
    return false;
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      ++pos_;
    }
  }

  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool is_quote(char c) const { return c == '"' || (python_ && c == '\''); }

  uint32_t new_node(GcpLiteralKind kind) {
    doc_->nodes_.push_back(GcpLiteralNode{kind, {}, 0, 0});
    return static_cast<uint32_t>(doc_->nodes_.size() - 1);
  }

  bool value(int depth, uint32_t* index) {
    if (depth > kMaxDepth) return fail(fmt::format("nesting at most {} deep", kMaxDepth));
    if (pos_ >= text_.size()) return fail("expected a value");
    const char c = text_[pos_];
    if (c == '{') return container(depth, GcpLiteralKind::kObject, index);
    if (c == '[') return container(depth, GcpLiteralKind::kArray, index);
    if (is_quote(c)) {
      std::string_view s;
      if (!string_value(&s)) return false;
      *index = new_node(GcpLiteralKind::kString);
      doc_->nodes_[*index].text = s;
      return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number(index);
    return keyword(index);
  }

  // true/false/null, and in Python also True/False/None.
  bool keyword(uint32_t* index) {
    struct Word {
      std::string_view word;
      GcpLiteralKind kind;
      std::string_view text;
      bool python_only;
    };
    static constexpr Word kWords[] = {
        {"true", GcpLiteralKind::kBool, "true", false},
        {"false", GcpLiteralKind::kBool, "false", false},
        {"null", GcpLiteralKind::kNull, "", false},
        {"True", GcpLiteralKind::kBool, "true", true},
        {"False", GcpLiteralKind::kBool, "false", true},
        {"None", GcpLiteralKind::kNull, "", true},
    };
    const std::string_view rest = text_.substr(pos_);
    for (const Word& w : kWords) {
      if (w.python_only && !python_) continue;
      if (rest.substr(0, w.word.size()) != w.word) continue;
      const size_t end = pos_ + w.word.size();
      if (end < text_.size() && is_identifier_char(text_[end])) continue;
      pos_ = end;
      *index = new_node(w.kind);
      doc_->nodes_[*index].text = w.text;
      return true;
    }
    return fail("expected a value");
  }

  static bool is_identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  // JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number(uint32_t* index) {
    const size_t start = pos_;
    if (at('-')) ++pos_;
    if (at('0')) {
      ++pos_;
    } else if (pos_ < text_.size() && is_digit(text_[pos_])) {
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    } else {
      return fail("expected a digit");
    }
    if (at('.')) {
      ++pos_;
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) return fail("expected a digit after '.'");
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (at('e') || at('E')) {
      ++pos_;
      if (at('+') || at('-')) ++pos_;
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) {
        return fail("expected a digit in the exponent");
      }
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && (is_identifier_char(text_[pos_]) || text_[pos_] == '.')) {
      return fail("expected the end of the number");
    }
    *index = new_node(GcpLiteralKind::kNumber);
    doc_->nodes_[*index].text = text_.substr(start, pos_ - start);
    return true;
  }

  // Reads `digits` hex digits at pos_ into *out.
  bool hex(int digits, uint32_t* out) {
    uint32_t v = 0;
    for (int i = 0; i < digits; ++i) {
      if (pos_ >= text_.size()) return fail("expected a hex digit");
      const char c = text_[pos_];
      uint32_t d = 0;
      if (c >= '0' && c <= '9') {
        d = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        d = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        d = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return fail("expected a hex digit");
      }
      v = v * 16 + d;
      ++pos_;
    }
    *out = v;
    return true;
  }

  static void append_utf8(uint32_t cp, std::string* out) {
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

  // After "\u": four hex digits, combining a UTF-16 surrogate pair when one follows.
  bool unicode_escape(std::string* out) {
    const size_t escape_pos = pos_ - 2;
    uint32_t cp = 0;
    if (!hex(4, &cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u") {
        return fail_at(escape_pos, "expected a low surrogate after a high surrogate escape");
      }
      pos_ += 2;
      uint32_t low = 0;
      if (!hex(4, &low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) {
        return fail_at(escape_pos, "expected a low surrogate after a high surrogate escape");
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return fail_at(escape_pos, "expected a high surrogate before a low surrogate escape");
    }
    append_utf8(cp, out);
    return true;
  }

  // One escape after the backslash (pos_ is at the escape letter).
  bool escape(std::string* out) {
    if (pos_ >= text_.size()) return fail("expected an escape character");
    const char e = text_[pos_++];
    switch (e) {
      case '"': out->push_back('"'); return true;
      case '\\': out->push_back('\\'); return true;
      case 'b': out->push_back('\b'); return true;
      case 'f': out->push_back('\f'); return true;
      case 'n': out->push_back('\n'); return true;
      case 'r': out->push_back('\r'); return true;
      case 't': out->push_back('\t'); return true;
      case 'u': return unicode_escape(out);
      default: break;
    }
    if (!python_) {
      if (e == '/') {
        out->push_back('/');
        return true;
      }
      --pos_;
      return fail("expected a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
    }
    uint32_t cp = 0;
    switch (e) {
      case '\'': out->push_back('\''); return true;
      case 'x':
        if (!hex(2, &cp)) return false;
        append_utf8(cp, out);
        return true;
      case 'U':
        if (!hex(8, &cp)) return false;
        if (cp > 0x10FFFF) return fail("expected a code point at most U+10FFFF");
        append_utf8(cp, out);
        return true;
      default:
        // Python keeps an unrecognised escape verbatim, backslash included.
        out->push_back('\\');
        out->push_back(e);
        return true;
    }
  }

  bool string_value(std::string_view* out) {
    const size_t open = pos_;
    const char quote = text_[pos_++];
    const size_t start = pos_;
    // Fast path: no escapes, the value is a view into the text.
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == quote) {
        *out = text_.substr(start, pos_ - start);
        ++pos_;
        return true;
      }
      if (c == '\\') break;
      if (static_cast<unsigned char>(c) < 0x20)
        return fail("expected an escaped control character");
      ++pos_;
    }
    if (pos_ >= text_.size()) return fail_at(open, "expected a closing quote for this string");
    std::string& s = doc_->unescaped_.emplace_back(text_.substr(start, pos_ - start));
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        *out = s;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20)
        return fail("expected an escaped control character");
      ++pos_;
      if (c != '\\') {
        s.push_back(c);
      } else if (!escape(&s)) {
        return false;
      }
    }
    return fail_at(open, "expected a closing quote for this string");
  }

  bool container(int depth, GcpLiteralKind kind, uint32_t* index) {
    const bool object = kind == GcpLiteralKind::kObject;
    const char close = object ? '}' : ']';
    *index = new_node(kind);
    ++pos_;
    const size_t mark = doc_->pending_.size();
    skip_space();
    if (at(close)) {
      ++pos_;
    } else {
      while (true) {
        GcpLiteralMember member;
        if (object) {
          if (pos_ >= text_.size() || !is_quote(text_[pos_])) {
            return fail("expected a quoted object key");
          }
          if (!string_value(&member.key)) return false;
          skip_space();
          if (!at(':')) return fail("expected ':' after object key");
          ++pos_;
          skip_space();
        }
        if (!value(depth + 1, &member.node)) return false;
        doc_->pending_.push_back(member);
        skip_space();
        if (at(',')) {
          ++pos_;
          skip_space();
          // Python allows a trailing comma; JSON does not.
          if (python_ && at(close)) {
            ++pos_;
            break;
          }
          continue;
        }
        if (at(close)) {
          ++pos_;
          break;
        }
        return fail(object ? "expected ',' or '}' after object member"
                           : "expected ',' or ']' after array element");
      }
    }
    auto& pending = doc_->pending_;
    auto& members = doc_->members_;
    GcpLiteralNode& node = doc_->nodes_[*index];
    node.first = static_cast<uint32_t>(members.size());
    node.count = static_cast<uint32_t>(pending.size() - mark);
    members.insert(members.end(), pending.begin() + static_cast<std::ptrdiff_t>(mark),
                   pending.end());
    pending.resize(mark);
    return true;
  }

  GcpLiteralDocument* doc_;
  std::string_view text_;
  bool python_;
  size_t pos_ = 0;
  size_t error_pos_ = 0;
  std::string error_;
};

core::Status GcpLiteralDocument::parse(std::string_view text, GcpLiteralSyntax syntax) {
  nodes_.clear();
  members_.clear();
  pending_.clear();
  unescaped_.clear();
  Parser parser(this, text, syntax);
  return parser.run();
}

}  // namespace optima::ingest
