// GcpLiteralDocument: parses the two literal syntaxes Google Cloud billing data arrives in, into
// a read-only tree whose numbers keep their source text.
//
// JSON is what BigQuery writes for the billing export (one object per line). Python literals are
// what koku's flattened CSV writes into its `credits` and `labels` cells ([{'key': 'a', 'value':
// None}]). Numbers are kept as the exact source token ("-5e-06") so money converts to
// core::Decimal without passing through a double. The tree holds views into the parsed text (and
// into the document, for strings with escapes): the text must outlive every use of the tree.
// Not thread-safe; reuse one document per thread, parse() recycles its buffers.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"

namespace optima::ingest {

enum class GcpLiteralSyntax : uint8_t {
  kJson,    // RFC 8259
  kPython,  // Python repr: '…' or "…" strings, None/True/False; also JSON's true/false/null
};

enum class GcpLiteralKind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

// "null", "boolean", "number", "string", "array", "object".
std::string_view gcp_literal_kind_name(GcpLiteralKind kind);

struct GcpLiteralNode {
  GcpLiteralKind kind = GcpLiteralKind::kNull;
  // Number: the source token ("-5e-06"); string: the unescaped value; bool: "true" or "false".
  std::string_view text;
  uint32_t first = 0;  // array or object: index of the first member
  uint32_t count = 0;  // array or object: number of members
};

struct GcpLiteralMember {
  std::string_view key;  // object member name; empty for array elements
  uint32_t node = 0;
};

class GcpLiteralDocument {
 public:
  static constexpr int kMaxDepth = 64;

  // Parses all of `text`; whitespace around the value is allowed, anything else after it is
  // not. Errors are InvalidArgument naming the 1-based column, what was expected and what was
  // found: "column 17: expected ':' after object key, found '}'". Numbers must follow the JSON
  // grammar in both syntaxes (NaN and Infinity are errors).
  core::Status parse(std::string_view text, GcpLiteralSyntax syntax);

  // Requires: the last parse() succeeded.
  const GcpLiteralNode& root() const { return nodes_[0]; }
  // Elements of an array or members of an object, in source order.
  std::span<const GcpLiteralMember> members(const GcpLiteralNode& container) const {
    return {members_.data() + container.first, container.count};
  }
  const GcpLiteralNode& node(const GcpLiteralMember& member) const { return nodes_[member.node]; }
  // The value of the first member named `key`, or nullptr. Requires: object is an object.
  const GcpLiteralNode* find(const GcpLiteralNode& object, std::string_view key) const;

 private:
  class Parser;
  friend class Parser;

  std::vector<GcpLiteralNode> nodes_;
  std::vector<GcpLiteralMember> members_;
  std::vector<GcpLiteralMember> pending_;  // members of containers still being parsed
  std::deque<std::string> unescaped_;      // strings that had escapes (stable addresses)
};

}  // namespace optima::ingest
