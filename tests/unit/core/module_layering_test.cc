// Checks the module dependency rule of ARCHITECTURE.md: a module includes only modules on a
// lower level (siblings only where listed as allowed).
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

namespace {

const std::map<std::string, int>& module_levels() {
  static const std::map<std::string, int> kLevels = {
      {"core", 0},     {"focus", 1},    {"store", 2},     {"ingest", 3},    {"query", 3},
      {"inventory", 3}, {"demo", 3},    {"analysis", 4},  {"pricing", 4},   {"carbon", 4},
      {"recommend", 5}, {"policy", 5},  {"kubernetes", 5}, {"remediate", 6}, {"nlq", 6},
      {"report", 6},   {"notify", 6},   {"audit", 6},     {"server", 7},    {"cli", 7},
  };
  return kLevels;
}

// Same-level includes that are deliberate.
const std::set<std::pair<std::string, std::string>>& allowed_siblings() {
  static const std::set<std::pair<std::string, std::string>> kAllowed = {
      {"cli", "server"},
  };
  return kAllowed;
}

TEST(ModuleLayeringTest, ModulesIncludeOnlyLowerLevels) {
  const std::filesystem::path root = std::filesystem::path(OPTIMA_SOURCE_DIR) / "src" / "optima";
  const std::regex include_re(R"re(#include\s+"optima/([a-z_]+)/)re");
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension();
    if (ext != ".h" && ext != ".cc") continue;
    ++files;
    const std::string module = std::filesystem::relative(entry.path(), root).begin()->string();
    auto own = module_levels().find(module);
    ASSERT_NE(own, module_levels().end()) << "module " << module << " has no level";
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::smatch m;
      if (!std::regex_search(line, m, include_re)) continue;
      const std::string target = m[1];
      if (target == module) continue;
      auto level = module_levels().find(target);
      ASSERT_NE(level, module_levels().end()) << entry.path() << " includes unknown " << target;
      const bool ok = level->second < own->second || allowed_siblings().count({module, target}) > 0;
      EXPECT_TRUE(ok) << entry.path() << " (" << module << ", level " << own->second
                      << ") includes " << target << " (level " << level->second << ")";
    }
  }
  EXPECT_GT(files, 10u);
}

}  // namespace
