// Routes: sources, partitions (history, conformance), uploads, folders, jobs, events
// (docs/api.md, "Data").
#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/core/time.h"
#include "optima/focus/conformance/conformance_validator.h"
#include "optima/focus/conformance/provider_conformance.h"
#include "optima/focus/conformance/table_dataset.h"
#include "optima/server/json_body.h"
#include "optima/server/pagination.h"
#include "optima/server/route_binding.h"
#include "optima/server/routes.h"
#include "optima/server/secrets.h"

namespace optima::server {
namespace {

namespace http = boost::beast::http;
namespace fs = std::filesystem;

std::string time_text(int64_t seconds) { return core::format_iso8601({seconds}); }

ApiResponse paged(const RequestContext& req, const nlohmann::json& all, const char* key) {
  auto page = page_request(req);
  if (auto* e = std::get_if<ApiError>(&page)) return error_response(*e);
  nlohmann::json out = nlohmann::json::object();
  write_page(all, std::get<PageRequest>(page), key, out);
  return json_response(out);
}

ApiResponse list_sources(ServerContext& ctx, RequestContext& req) {
  auto sources = ctx.store->sources();
  if (!sources.is_ok()) return status_response(sources.status());
  auto partitions = ctx.store->partitions();
  if (!partitions.is_ok()) return status_response(partitions.status());
  nlohmann::json all = nlohmann::json::array();
  for (const auto& s : *sources) {
    uint64_t rows = 0, bytes = 0;
    size_t count = 0;
    for (const auto& p : *partitions) {
      if (p.source != s.name) continue;
      ++count;
      rows += p.rows;
      bytes += p.bytes;
    }
    all.push_back({{"name", s.name}, {"reader", s.reader}, {"created_at", time_text(s.created_at)},
                   {"partitions", count}, {"rows", rows}, {"bytes", bytes}});
  }
  return paged(req, all, "sources");
}

ApiResponse list_partitions(ServerContext& ctx, RequestContext& req) {
  auto partitions = ctx.store->partitions();
  if (!partitions.is_ok()) return status_response(partitions.status());
  nlohmann::json all = nlohmann::json::array();
  for (const auto& p : *partitions) all.push_back(store::partition_json(p));
  return paged(req, all, "partitions");
}

std::optional<int64_t> id_param(RequestContext& req) {
  std::optional<int64_t> id = core::parse_int64(req.params["id"]);
  if (id && *id <= 0) return std::nullopt;
  return id;
}

ApiResponse partition_history(ServerContext& ctx, RequestContext& req) {
  const std::optional<int64_t> id = id_param(req);
  if (!id) return error_response(not_found_error("no such partition"));
  auto versions = ctx.store->partition_history(*id);
  if (!versions.is_ok()) return status_response(versions.status());
  nlohmann::json all = nlohmann::json::array();
  for (const auto& p : *versions) all.push_back(store::partition_json(p));
  return paged(req, all, "versions");
}

// FOCUS 1.2 conformance of one current partition, as `cloudoptima validate --partition` runs it
// (provider criteria and known gaps as declared).
ApiResponse partition_conformance(ServerContext& ctx, RequestContext& req) {
  const std::optional<int64_t> id = id_param(req);
  if (!id) return error_response(not_found_error("no such partition"));
  auto snapshot = ctx.store->snapshot();
  if (!snapshot.is_ok()) return status_response(snapshot.status());
  if ((*snapshot)->partition(*id) == nullptr) {
    return error_response(not_found_error(fmt::format("no current partition {}", *id)));
  }
  std::vector<std::shared_ptr<const focus::Table>> tables;
  for (const store::RowGroupInfo& group : (*snapshot)->row_groups()) {
    if (group.partition_id != *id) continue;
    auto table = (*snapshot)->load(group, store::ColumnSelection::all());
    if (!table.is_ok()) return status_response(table.status());
    tables.push_back(std::move(table).value());
  }
  focus::TableDataset dataset(std::move(tables));
  auto validator = focus::ConformanceValidator::bundled(focus::ModelErrata::kApply);
  if (!validator.is_ok()) return status_response(validator.status());
  auto declared = focus::ProviderConformance::bundled();
  if (!declared.is_ok()) return status_response(declared.status());
  focus::ValidationOptions options;
  options.provider_criteria = (*declared)->criteria();
  options.known_gaps = (*declared)->known_gaps();
  auto report = validator->validate(dataset, options);
  if (!report.is_ok()) return status_response(report.status());
  ApiResponse r;
  r.body = focus::render_json(*report);
  return r;
}

// A file name safe to create: the last path component, letters, digits, '.', '_', '-'.
std::optional<std::string> safe_file_name(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  if (name.empty() || name.size() > 200 || name.front() == '.') return std::nullopt;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return std::nullopt;
  }
  return std::string(name);
}

bool valid_source_name(std::string_view s) {
  if (s.size() > 100) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

ApiResponse upload(ServerContext& ctx, RequestContext& req) {
  const std::optional<std::string> name = safe_file_name(req.query_param("filename").value_or(""));
  if (!name) {
    return error_response(invalid_argument_error(
        "filename: expected a file name of letters, digits, '.', '_' and '-' (e.g. "
        "focus-2024-01.csv.gz)"));
  }
  const std::string source = req.query_param("source").value_or("");
  if (!valid_source_name(source)) {
    return error_response(invalid_argument_error("source: letters, digits, '.', '_' and '-' only"));
  }
  std::error_code ec;
  const uint64_t size = fs::file_size(req.body_file, ec);
  if (ec || size == 0) return error_response(invalid_argument_error("the upload is empty"));
  const fs::path dir = ctx.options.data_dir / "uploads" / random_hex(8);
  fs::create_directories(dir, ec);
  if (!ec) fs::rename(req.body_file, dir / *name, ec);
  if (ec) return error_response(internal_api_error("cannot store the upload: " + ec.message()));
  IngestJobSpec spec;
  spec.paths = {dir / *name};
  spec.source = source;
  spec.file_names = {*name};
  spec.bytes_total = size;
  spec.cleanup_dir = dir;
  const JobInfo job = ctx.jobs->submit(std::move(spec));
  return json_response({{"job", job_json(job)}}, 202);
}

ApiResponse register_folder(ServerContext& ctx, RequestContext& req) {
  auto parsed = parse_json_object(req.body, {"path", "source"});
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  const nlohmann::json& body = std::get<nlohmann::json>(parsed);
  auto path = optional_string_field(body, "path");
  if (auto* e = std::get_if<ApiError>(&path)) return error_response(*e);
  auto source = optional_string_field(body, "source");
  if (auto* e = std::get_if<ApiError>(&source)) return error_response(*e);
  const auto& folder = std::get<std::optional<std::string>>(path);
  if (!folder || folder->empty() || folder->front() != '/') {
    return error_response(invalid_argument_error("path: expected an absolute path on the server"));
  }
  const std::string source_name = std::get<std::optional<std::string>>(source).value_or("");
  if (!valid_source_name(source_name)) {
    return error_response(invalid_argument_error("source: letters, digits, '.', '_' and '-' only"));
  }
  std::error_code ec;
  if (!fs::exists(*folder, ec)) {
    return error_response(not_found_error(fmt::format("no such file or folder: {}", *folder)));
  }
  IngestJobSpec spec;
  spec.paths = {fs::path(*folder)};
  spec.source = source_name;
  spec.file_names = {*folder};
  if (fs::is_regular_file(*folder, ec)) {
    spec.bytes_total = fs::file_size(*folder, ec);
  } else {
    for (auto it = fs::recursive_directory_iterator(*folder, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code size_ec;
      if (it->is_regular_file(size_ec)) spec.bytes_total += it->file_size(size_ec);
    }
  }
  const JobInfo job = ctx.jobs->submit(std::move(spec));
  return json_response({{"job", job_json(job)}}, 202);
}

ApiResponse list_jobs(ServerContext& ctx, RequestContext& req) {
  nlohmann::json all = nlohmann::json::array();
  for (const JobInfo& j : ctx.jobs->list()) all.push_back(job_json(j));
  return paged(req, all, "jobs");
}

ApiResponse get_job(ServerContext& ctx, RequestContext& req) {
  const std::optional<int64_t> id = id_param(req);
  std::optional<JobInfo> job = id ? ctx.jobs->get(*id) : std::nullopt;
  if (!job) return error_response(not_found_error("no such job"));
  return json_response(job_json(*job));
}

// The first frames of an event stream: the reconnect delay and the current data version.
ApiResponse events_start(ServerContext& ctx, RequestContext&) {
  ApiResponse r;
  r.content_type = "text/event-stream";
  r.body = "retry: 3000\n\nevent: data\ndata: " +
           nlohmann::json{{"version", ctx.jobs->data_version()}}.dump() + "\n\n";
  return r;
}

const nlohmann::json kJobSchema = {
    {"type", "object"},
    {"properties",
     {{"id", {{"type", "integer"}}},
      {"state", {{"type", "string"}, {"enum", {"queued", "running", "succeeded", "failed"}}}},
      {"source", {{"type", "string"}}},
      {"files", {{"type", "array"}, {"items", {{"type", "string"}}}}},
      {"bytes_done", {{"type", "integer"}}},
      {"bytes_total", {{"type", "integer"}}},
      {"rows", {{"type", "integer"}}},
      {"issues", {{"type", "array"}, {"items", {{"type", "string"}}}}},
      {"error", {{"type", "string"}}},
      {"created_at", {{"type", "string"}}},
      {"started_at", {{"type", {"string", "null"}}}},
      {"finished_at", {{"type", "string"}}}}}};

const nlohmann::json kPartitionSchema = {
    {"type", "object"},
    {"properties",
     {{"id", {{"type", "integer"}}},
      {"source", {{"type", "string"}}},
      {"billing_period_start", {{"type", "string"}}},
      {"billing_period_end", {{"type", "string"}}},
      {"version", {{"type", "integer"}}},
      {"rows", {{"type", "integer"}}},
      {"bytes", {{"type", "integer"}}},
      {"content_hash", {{"type", "string"}}},
      {"job_id", {{"type", "integer"}}},
      {"created_at", {{"type", "string"}}},
      {"superseded_at", {{"type", {"string", "null"}}}}}}};

}  // namespace

void add_data_routes(RouteTable& table, ServerContext& context) {
  const nlohmann::json job_wrapper = {{"type", "object"}, {"properties", {{"job", kJobSchema}}}};
  table.add({http::verb::get, "/api/v1/sources", Role::kViewer,
             "Billing sources with their partitions, rows and stored bytes", BodyKind::kNone,
             nullptr,
             list_schema("sources",
                         {{"type", "object"},
                          {"properties",
                           {{"name", {{"type", "string"}}},
                            {"reader", {{"type", "string"}}},
                            {"created_at", {{"type", "string"}}},
                            {"partitions", {{"type", "integer"}}},
                            {"rows", {{"type", "integer"}}},
                            {"bytes", {{"type", "integer"}}}}}}),
             200, "application/json", bind_route(context, list_sources)});
  table.add({http::verb::post, "/api/v1/sources/folders", Role::kAdmin,
             "Ingest a file or folder on the server's file system (a background job)",
             BodyKind::kJson,
             {{"type", "object"},
              {"properties", {{"path", {{"type", "string"}}}, {"source", {{"type", "string"}}}}},
              {"required", {"path"}},
              {"additionalProperties", false}},
             job_wrapper, 202, "application/json", bind_route(context, register_folder)});
  table.add({http::verb::get, "/api/v1/partitions", Role::kViewer,
             "Current partitions (source x billing period)", BodyKind::kNone, nullptr,
             list_schema("partitions", kPartitionSchema), 200, "application/json",
             bind_route(context, list_partitions)});
  table.add({http::verb::get, "/api/v1/partitions/{id}/history", Role::kViewer,
             "Every version of one partition, oldest first", BodyKind::kNone, nullptr,
             list_schema("versions", kPartitionSchema), 200, "application/json",
             bind_route(context, partition_history)});
  table.add({http::verb::get, "/api/v1/partitions/{id}/conformance", Role::kViewer,
             "FOCUS 1.2 conformance report of one current partition", BodyKind::kNone, nullptr,
             {{"type", "object"}, {"description", "focus::render_json of the report"}}, 200,
             "application/json", bind_route(context, partition_conformance)});
  table.add({http::verb::post, "/api/v1/uploads", Role::kEditor,
             "Upload a billing file (raw body, gzip allowed; ?filename=&source=) and ingest it",
             BodyKind::kFile, nullptr, job_wrapper, 202, "application/json", bind_route(context, upload)});
  table.add({http::verb::get, "/api/v1/jobs", Role::kViewer,
             "Ingest jobs of this server process, newest first", BodyKind::kNone, nullptr,
             list_schema("jobs", kJobSchema), 200, "application/json", bind_route(context, list_jobs)});
  table.add({http::verb::get, "/api/v1/jobs/{id}", Role::kViewer, "One ingest job",
             BodyKind::kNone, nullptr, kJobSchema, 200, "application/json", bind_route(context, get_job)});
  table.add({http::verb::get, "/api/v1/events", Role::kViewer,
             "Server-sent events: `job` (a job object) and `data` ({\"version\"})",
             BodyKind::kEventStream, nullptr, nullptr, 200, "text/event-stream",
             bind_route(context, events_start)});
}

}  // namespace optima::server
