#include "optima/ingest/aws_cur_delivery.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/ingest/aws_cur_columns.h"
#include "optima/ingest/aws_cur_manifest.h"

namespace optima::ingest {
namespace {

namespace fs = std::filesystem;

fs::file_time_type modified_time(const fs::path& p) {
  std::error_code ec;
  const fs::file_time_type t = fs::last_write_time(p, ec);
  return ec ? fs::file_time_type::min() : t;
}

bool path_exists(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec);
}

// The last run of digits in a file name ("report-12.csv.gz" -> 12), for part ordering.
std::optional<uint64_t> part_number(const std::string& name) {
  size_t end = name.size();
  while (end > 0 && (name[end - 1] < '0' || name[end - 1] > '9'))
    --end;
  size_t start = end;
  while (start > 0 && name[start - 1] >= '0' && name[start - 1] <= '9')
    --start;
  if (start == end || end - start > 18)
    return std::nullopt;
  return static_cast<uint64_t>(
      *core::parse_int64(std::string_view(name).substr(start, end - start)));
}

void sort_parts(std::vector<fs::path>* files) {
  std::sort(files->begin(), files->end(), [](const fs::path& a, const fs::path& b) {
    if (a.parent_path() != b.parent_path())
      return a < b;
    const auto na = part_number(a.filename().string());
    const auto nb = part_number(b.filename().string());
    if (na && nb && *na != *nb)
      return *na < *nb;
    return a.filename() < b.filename();
  });
}

std::vector<fs::path> resolve_keys(const CurManifest& manifest) {
  std::vector<fs::path> out;
  for (const std::string& key : manifest.keys)
    out.push_back(resolve_manifest_key(manifest.path, key));
  return out;
}

bool any_exists(const std::vector<fs::path>& files) {
  return std::any_of(files.begin(), files.end(), [](const fs::path& p) { return path_exists(p); });
}

// Notes the given data files that the unit does not read.
void note_unread(const std::vector<fs::path>& given, const std::vector<fs::path>& read,
                 std::string_view label, std::string_view reason, std::vector<std::string>* notes) {
  for (const fs::path& f : given) {
    if (std::find(read.begin(), read.end(), f) == read.end()) {
      notes->push_back(fmt::format("{}: {} ignored ({})", label, f.string(), reason));
    }
  }
}

std::optional<CurManifest> load_manifest(const fs::path& path, std::vector<std::string>* notes) {
  auto manifest = read_cur_manifest(path);
  if (!manifest.is_ok()) {
    notes->push_back(fmt::format("{} ignored: {}", path.string(), manifest.status().message()));
    return std::nullopt;
  }
  return std::move(manifest).value();
}

struct Assembly {
  std::vector<fs::path> data;
  std::optional<CurManifest> manifest;
};

struct PeriodGroup {
  std::optional<CurManifest> manifest;         // the period-level one
  std::map<std::string, Assembly> assemblies;  // by assembly folder name
  std::vector<fs::path> loose;                 // data files directly in the period folder
};

struct FolderGroup {
  std::vector<fs::path> data;
  std::optional<CurManifest> manifest;
};

bool is_overwrite_folder(const fs::path& dir) {
  return core::istarts_with(dir.filename().string(), "month=") &&
         core::istarts_with(dir.parent_path().filename().string(), "year=");
}

void plan_period(std::string_view reader, const fs::path& dir, PeriodGroup& group,
                 std::vector<InputUnit>* units, std::vector<std::string>* notes) {
  const std::string label =
      fmt::format("CUR {} {}", dir.parent_path().filename().string(), dir.filename().string());
  std::string chosen;
  std::string why;
  std::vector<fs::path> files;
  if (group.manifest) {
    std::vector<fs::path> listed = resolve_keys(*group.manifest);
    if (any_exists(listed)) {
      chosen = group.manifest->assembly_id;
      files = std::move(listed);
      why = "the period manifest names it";
    } else {
      notes->push_back(fmt::format(
          "{}: the period manifest names assembly {} but none of its files is here; reading the "
          "latest assembly folder instead",
          label, group.manifest->assembly_id));
    }
  }
  if (files.empty()) {
    const std::string* newest = nullptr;
    fs::file_time_type newest_time = fs::file_time_type::min();
    for (const auto& [name, assembly] : group.assemblies) {
      const bool readable =
          !assembly.data.empty() || (assembly.manifest && !assembly.manifest->keys.empty());
      if (!readable)
        continue;
      const fs::file_time_type t = modified_time(dir / name);
      if (newest == nullptr || t > newest_time || (t == newest_time && name > *newest)) {
        newest = &name;
        newest_time = t;
      }
    }
    if (newest != nullptr) {
      chosen = *newest;
      why = "its folder was modified last";
      const Assembly& assembly = group.assemblies[chosen];
      if (assembly.manifest && !assembly.manifest->keys.empty()) {
        files = resolve_keys(*assembly.manifest);
      } else {
        files = assembly.data;
        sort_parts(&files);
      }
    } else if (!group.loose.empty()) {
      files = group.loose;
      sort_parts(&files);
    }
  }
  if (files.empty()) {
    notes->push_back(fmt::format("{}: no data files to read", label));
    return;
  }
  for (const auto& [name, assembly] : group.assemblies) {
    if (name != chosen) {
      notes->push_back(fmt::format("{}: older assembly {} ignored; assembly {} is the latest ({})",
                                   label, name, chosen, why));
    } else {
      note_unread(assembly.data, files, label, "not listed in the manifest", notes);
    }
  }
  if (!chosen.empty())
    note_unread(group.loose, files, label, "outside the latest assembly folder", notes);
  units->push_back(
      InputUnit{std::string(reader), std::move(files),
                chosen.empty() ? label : fmt::format("{} assembly {}", label, chosen)});
}

void plan_folder(std::string_view reader, const fs::path& dir, FolderGroup& group,
                 std::string_view kind, std::vector<InputUnit>* units,
                 std::vector<std::string>* notes) {
  const std::string label = fmt::format("{} {}", kind, dir.string());
  std::vector<fs::path> files;
  if (group.manifest && !group.manifest->keys.empty()) {
    files = resolve_keys(*group.manifest);
    note_unread(group.data, files, label, "not listed in the manifest", notes);
  } else {
    files = group.data;
    sort_parts(&files);
  }
  if (files.empty()) {
    notes->push_back(fmt::format("{}: no data files to read", label));
    return;
  }
  units->push_back(InputUnit{std::string(reader), std::move(files), label});
}

// For a CUR 2.0 path: the BILLING_PERIOD= folder above it whose parent is `area` ("data" or
// "metadata"), searched up to four levels up.
std::optional<fs::path> partition_folder(const fs::path& file, std::string_view area) {
  fs::path dir = file.parent_path();
  for (int level = 0; level < 4 && !dir.empty() && dir.has_filename();
       ++level, dir = dir.parent_path()) {
    if (core::istarts_with(dir.filename().string(), "BILLING_PERIOD=")) {
      if (dir.parent_path().filename() == area)
        return dir;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

bool lists_cur_columns(const CurManifest& manifest) {
  if (manifest.columns.empty())
    return true;  // nothing says otherwise
  return std::any_of(manifest.columns.begin(), manifest.columns.end(), [](const std::string& c) {
    return cur_column_key(c) == cur_field_key(CurField::kUnblendedCost);
  });
}

}  // namespace

bool is_cur_period_folder(std::string_view name) {
  if (name.size() != 17 || name[8] != '-')
    return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (i != 8 && (name[i] < '0' || name[i] > '9'))
      return false;
  }
  return true;
}

std::vector<InputUnit> plan_cur_delivery(std::string_view reader,
                                         const std::vector<fs::path>& files,
                                         std::vector<std::string>* notes) {
  std::map<fs::path, PeriodGroup> periods;
  std::map<fs::path, FolderGroup> folders;
  std::vector<fs::path> singles;
  for (const fs::path& f : files) {
    const fs::path dir = f.parent_path();
    const bool in_period = is_cur_period_folder(dir.filename().string());
    const bool in_assembly = is_cur_period_folder(dir.parent_path().filename().string());
    if (is_manifest_name(f)) {
      std::optional<CurManifest> manifest = load_manifest(f, notes);
      if (!manifest)
        continue;
      if (manifest->kind != CurManifestKind::kLegacy) {
        notes->push_back(fmt::format(
            "{} ignored: a CUR 2.0 (Data Exports) manifest, not a legacy CUR one", f.string()));
        continue;
      }
      if (in_period) {
        periods[dir].manifest = std::move(manifest);
      } else if (in_assembly) {
        periods[dir.parent_path()].assemblies[dir.filename().string()].manifest =
            std::move(manifest);
      } else {
        folders[dir].manifest = std::move(manifest);
      }
    } else if (in_assembly) {
      periods[dir.parent_path()].assemblies[dir.filename().string()].data.push_back(f);
    } else if (in_period) {
      periods[dir].loose.push_back(f);
    } else if (is_overwrite_folder(dir)) {
      folders[dir].data.push_back(f);
    } else {
      singles.push_back(f);
    }
  }
  // A file next to a manifest belongs to that manifest's folder.
  std::vector<fs::path> alone;
  for (const fs::path& f : singles) {
    const auto it = folders.find(f.parent_path());
    if (it != folders.end()) {
      it->second.data.push_back(f);
    } else {
      alone.push_back(f);
    }
  }

  std::vector<InputUnit> units;
  for (auto& [dir, group] : periods)
    plan_period(reader, dir, group, &units, notes);
  for (auto& [dir, group] : folders)
    plan_folder(reader, dir, group, "CUR folder", &units, notes);
  for (const fs::path& f : alone)
    units.push_back(InputUnit{std::string(reader), {f}, f.string()});
  return units;
}

std::vector<InputUnit> plan_cur2_export(std::string_view reader, const std::vector<fs::path>& files,
                                        std::vector<std::string>* notes) {
  // (export folder, BILLING_PERIOD=... name) -> files and manifest
  std::map<std::pair<fs::path, std::string>, FolderGroup> partitions;
  std::map<fs::path, FolderGroup> folders;
  std::vector<fs::path> singles;
  for (const fs::path& f : files) {
    if (is_manifest_name(f)) {
      std::optional<CurManifest> manifest = load_manifest(f, notes);
      if (!manifest)
        continue;
      if (!lists_cur_columns(*manifest)) {
        notes->push_back(fmt::format(
            "{} ignored: its export has no line_item_unblended_cost column, so it is not CUR 2.0",
            f.string()));
        continue;
      }
      if (const auto partition = partition_folder(f, "metadata")) {
        partitions[{partition->parent_path().parent_path(), partition->filename().string()}]
            .manifest = std::move(manifest);
      } else {
        folders[f.parent_path()].manifest = std::move(manifest);
      }
    } else if (const auto partition = partition_folder(f, "data")) {
      partitions[{partition->parent_path().parent_path(), partition->filename().string()}]
          .data.push_back(f);
    } else {
      singles.push_back(f);
    }
  }
  std::vector<InputUnit> units;
  for (auto& [key, group] : partitions) {
    const auto& [root, partition] = key;
    const std::string label =
        fmt::format("CUR 2.0 export {} {}", root.filename().string(), partition);
    std::vector<fs::path> chosen;
    if (group.manifest && !group.manifest->keys.empty()) {
      chosen = resolve_keys(*group.manifest);
      note_unread(group.data, chosen, label, "not listed in the export manifest", notes);
    } else {
      std::set<fs::path> dirs;
      for (const fs::path& f : group.data)
        dirs.insert(f.parent_path());
      fs::path newest;
      fs::file_time_type newest_time = fs::file_time_type::min();
      for (const fs::path& d : dirs) {
        const fs::file_time_type t = modified_time(d);
        if (newest.empty() || t > newest_time || (t == newest_time && d > newest)) {
          newest = d;
          newest_time = t;
        }
      }
      for (const fs::path& f : group.data) {
        if (f.parent_path() == newest)
          chosen.push_back(f);
      }
      note_unread(group.data, chosen, label,
                  "an older delivery folder; without a manifest the folder modified last is read",
                  notes);
    }
    sort_parts(&chosen);
    if (chosen.empty()) {
      notes->push_back(fmt::format("{}: no data files to read", label));
      continue;
    }
    units.push_back(InputUnit{std::string(reader), std::move(chosen), label});
  }
  std::vector<fs::path> alone;
  for (const fs::path& f : singles) {
    const auto it = folders.find(f.parent_path());
    if (it != folders.end()) {
      it->second.data.push_back(f);
    } else {
      alone.push_back(f);
    }
  }
  for (auto& [dir, group] : folders)
    plan_folder(reader, dir, group, "CUR 2.0 folder", &units, notes);
  for (const fs::path& f : alone)
    units.push_back(InputUnit{std::string(reader), {f}, f.string()});
  return units;
}

}  // namespace optima::ingest
