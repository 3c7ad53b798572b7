#include "optima/ingest/csv_record_parser.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace optima::ingest {

CsvRecordParser::CsvRecordParser(CsvOptions options) : options_(options) {
  special_[static_cast<unsigned char>(options_.delimiter)] = true;
  special_['\n'] = true;
  special_['\r'] = true;
}

const char* CsvRecordParser::find_special(const char* p, const char* end) const {
#if defined(__SSE2__)
  // 16 bytes per step (SSE2 is part of x86-64): most fields end within the first block.
  const __m128i delim = _mm_set1_epi8(options_.delimiter);
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  while (end - p >= 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, delim), _mm_cmpeq_epi8(block, lf)),
                     _mm_cmpeq_epi8(block, cr));
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && !is_special(*p)) ++p;
  return p;
}

CsvRecordParser::Outcome CsvRecordParser::parse(std::string_view data, size_t* pos, bool at_end,
                                                std::vector<std::string_view>* fields,
                                                uint64_t* lines) {
  const char* buf = data.data();
  const size_t end = data.size();
  const char delim = options_.delimiter;
  size_t i = *pos;
  uint64_t newlines = 0;
  spans_.clear();
  scratch_.clear();
  while (true) {
    if (i < end && buf[i] == '"') {
      // Quoted field. Bytes are viewed in place unless an escaped quote or trailing bytes
      // after the closing quote force a copy into scratch_.
      const size_t content = ++i;
      const size_t scratch_start = scratch_.size();
      bool copied = false;
      size_t close = 0;
      while (true) {
        const void* q = i < end ? std::memchr(buf + i, '"', end - i) : nullptr;
        if (q == nullptr) return at_end ? Outcome::kUnclosedQuote : Outcome::kIncomplete;
        const size_t stop = static_cast<size_t>(static_cast<const char*>(q) - buf);
        // Line breaks inside the value: \n, \r\n or a lone \r, as between records.
        for (size_t k = i; k < stop; ++k) {
          newlines +=
              (buf[k] == '\n' || (buf[k] == '\r' && (k + 1 >= end || buf[k + 1] != '\n'))) ? 1 : 0;
        }
        if (stop + 1 < end && buf[stop + 1] == '"') {
          // "" inside a quoted field: one literal quote.
          if (!copied) {
            copied = true;
            scratch_.append(buf + content, stop + 1 - content);
          } else {
            scratch_.append(buf + i, stop + 1 - i);
          }
          i = stop + 2;
          continue;
        }
        if (stop + 1 >= end && !at_end) return Outcome::kIncomplete;  // "" or end of field?
        if (copied) scratch_.append(buf + i, stop - i);
        close = stop;
        i = stop + 1;
        break;
      }
      const size_t extra = i;
      i = static_cast<size_t>(find_special(buf + i, buf + end) - buf);
      if (i > extra) {
        if (!copied) {
          copied = true;
          scratch_.append(buf + content, close - content);
        }
        scratch_.append(buf + extra, i - extra);
      }
      const Span span = copied ? Span{scratch_start, scratch_.size() - scratch_start, true}
                               : Span{content, close - content, false};
      if (span.length > options_.max_field_bytes) return Outcome::kFieldTooLong;
      spans_.push_back(span);
    } else {
      const size_t start = i;
      i = static_cast<size_t>(find_special(buf + i, buf + end) - buf);
      if (i - start > options_.max_field_bytes) return Outcome::kFieldTooLong;
      spans_.push_back(Span{start, i - start, false});
    }
    if (i >= end) {
      if (!at_end) return Outcome::kIncomplete;
      break;  // last record without a line end
    }
    if (buf[i] == delim) {
      ++i;
      continue;
    }
    if (buf[i] == '\r') {
      if (i + 1 >= end && !at_end) return Outcome::kIncomplete;  // \r\n split by the buffer end?
      ++i;
      if (i < end && buf[i] == '\n') ++i;
    } else {
      ++i;
    }
    ++newlines;
    break;
  }
  *pos = i;
  *lines += newlines;
  fields->clear();
  fields->reserve(spans_.size());
  for (const Span& s : spans_) {
    const char* base = s.in_scratch ? scratch_.data() : buf;
    fields->emplace_back(base + s.offset, s.length);
  }
  return Outcome::kRecord;
}

namespace {

// The offset after the last certain record end inside the unquoted range [begin, end) of data.
size_t last_line_end_in(std::string_view data, size_t begin, size_t end) {
  if (begin >= end) return 0;
  const char* base = data.data();
  if (const void* nl = memrchr(base + begin, '\n', end - begin); nl != nullptr) {
    return static_cast<size_t>(static_cast<const char*>(nl) - base) + 1;
  }
  // Files with lone \r line ends (old Mac exports).
  const void* cr = memrchr(base + begin, '\r', end - begin);
  if (cr == nullptr) return 0;
  const auto at = static_cast<size_t>(static_cast<const char*>(cr) - base);
  if (at + 1 >= data.size()) return 0;  // \r at the very end: \n may follow
  return at + 1;                        // not followed by \n (memrchr found none in the range)
}

}  // namespace

size_t last_record_end(std::string_view data, char delimiter) {
  const char* buf = data.data();
  const size_t n = data.size();
  size_t best = 0;
  size_t i = 0;  // start of the current unquoted range
  while (i <= n) {
    const void* q = i < n ? std::memchr(buf + i, '"', n - i) : nullptr;
    const size_t quote = q == nullptr ? n : static_cast<size_t>(static_cast<const char*>(q) - buf);
    if (const size_t cut = last_line_end_in(data, i, quote); cut != 0) best = cut;
    if (q == nullptr) break;
    const char before = quote == 0 ? '\n' : buf[quote - 1];
    if (before != delimiter && before != '\n' && before != '\r') {
      i = quote + 1;  // a literal quote inside an unquoted field
      continue;
    }
    // A quoted field: skip to its closing quote.
    size_t j = quote + 1;
    while (true) {
      const void* c = j < n ? std::memchr(buf + j, '"', n - j) : nullptr;
      if (c == nullptr) return best;
      const auto at = static_cast<size_t>(static_cast<const char*>(c) - buf);
      if (at + 1 >= n) return best;  // undecided: "" or the closing quote
      if (buf[at + 1] == '"') {
        j = at + 2;
        continue;
      }
      i = at + 1;
      break;
    }
  }
  return best;
}

}  // namespace optima::ingest
