// Data sources: sources, partitions with restatement history and conformance, file upload and
// folder registration (editors), ingestion jobs with live progress from GET /api/v1/events (SSE).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, hasRole, listOf } from "../api";
import { useAuth } from "../auth";
import { Badge, Empty, ErrorNotice, Loading, useLoad } from "../components/common";
import { autoColumns, ObjectTable, type Column } from "../components/ObjectTable";
import { formatTime } from "../dates";
import { mergeJob, mergeJobList, type Job } from "../jobs";
import { formatBytes, formatNumber } from "../money";


type Row = Record<string, unknown>;

function jobError(j: Job): string {
  if (!j.error) return "";
  return typeof j.error === "string" ? j.error : (j.error.message ?? JSON.stringify(j.error));
}

function fileNames(files: unknown[] | undefined): string {
  if (!files?.length) return "—";
  const names = files.map((f) => (typeof f === "string" ? f : f && typeof f === "object" ? String((f as Row).name ?? (f as Row).path ?? JSON.stringify(f)) : String(f)));
  return names.length > 2 ? `${names.slice(0, 2).join(", ")} and ${names.length - 2} more` : names.join(", ");
}

function JobProgress({ job }: { job: Job }) {
  const total = job.bytes_total ?? 0;
  const done = job.bytes_done ?? 0;
  if (job.state === "succeeded") return <span>{formatNumber(job.rows ?? 0, 0)} rows</span>;
  if (job.state === "failed") return <span className="up">{jobError(job) || "failed"}</span>;
  return (
    <div>
      <progress max={total || 1} value={total ? done : undefined} aria-label={`Job ${job.id} progress`} />
      <div className="muted" style={{ fontSize: 12 }}>
        {total ? `${formatBytes(done)} of ${formatBytes(total)}` : job.state}
        {job.rows ? `, ${formatNumber(job.rows, 0)} rows` : ""}
      </div>
    </div>
  );
}

interface Counts {
  pass?: number;
  fail?: number;
  not_applicable?: number;
  skipped?: number;
  known_gap?: number;
}

interface Conformance {
  summary?: { conformant?: boolean; conformant_except_known_gaps?: boolean; all?: Counts; mandatory?: Counts; non_mandatory?: Counts };
  rules?: Row[];
  rows?: number;
  focus_version?: string;
}

const kRuleColumns: Column<Row>[] = [
  { key: "id", label: "Rule" },
  { key: "status", label: "Status", render: (r) => <Badge value={String(r.status ?? "")} /> },
  { key: "keyword", label: "Keyword" },
  { key: "mandatory", label: "Mandatory" },
  { key: "failing_rows", label: "Failing rows", numeric: true },
  { key: "checked_rows", label: "Checked rows", numeric: true },
  { key: "reason", label: "Reason" },
  { key: "must_satisfy", label: "Requirement" },
];

function Partition({ id }: { id: string }) {
  const history = useLoad((signal) => api<unknown>(`/api/v1/partitions/${encodeURIComponent(id)}/history`, { signal }), [id]);
  const conformance = useLoad((signal) => api<Conformance>(`/api/v1/partitions/${encodeURIComponent(id)}/conformance`, { signal }), [id]);
  const versions = listOf<Row>(history.data, "versions");
  const c = conformance.data;
  const rules = c?.rules ?? [];
  const notPassing = rules.filter((r) => r.status === "fail" || r.status === "known_gap");
  const sum = c?.summary;
  const counts = (label: string, k?: Counts) =>
    k ? { set: label, pass: k.pass ?? 0, fail: k.fail ?? 0, known_gap: k.known_gap ?? 0, not_applicable: k.not_applicable ?? 0, skipped: k.skipped ?? 0 } : null;
  const countRows = sum ? [counts("Mandatory", sum.mandatory), counts("Other", sum.non_mandatory), counts("All", sum.all)].filter((x): x is NonNullable<typeof x> => x !== null) : [];
  return (
    <div className="stack" style={{ padding: "8px 0" }}>
      <div>
        <h3>Restatement history</h3>
        {history.error ? <ErrorNotice error={history.error} onRetry={history.reload} /> : !history.data ? <Loading what="history" /> : versions.length ? <ObjectTable rows={versions} columns={partitionColumns(versions)} caption={`Versions of partition ${id}`} testId="history-table" /> : <Empty>No versions recorded.</Empty>}
      </div>
      <div>
        <h3>FOCUS conformance</h3>
        {conformance.error ? (
          <ErrorNotice error={conformance.error} onRetry={conformance.reload} />
        ) : !c ? (
          <Loading what="conformance report" />
        ) : (
          <>
            <p data-testid="conformance-summary">
              {sum?.conformant ? (
                <Badge value="pass" />
              ) : sum?.conformant_except_known_gaps ? (
                <Badge value="known_gap" />
              ) : (
                <Badge value="fail" />
              )}{" "}
              {sum?.conformant
                ? `Conformant to FOCUS ${c.focus_version ?? ""}.`
                : sum?.conformant_except_known_gaps
                  ? "Conformant except documented provider gaps."
                  : "Mandatory rules fail: see below."}
              {c.rows !== undefined && ` ${formatNumber(c.rows, 0)} rows checked.`}
            </p>
            {countRows.length > 0 && <ObjectTable rows={countRows} caption="Rule counts" />}
            {notPassing.length > 0 && (
              <div style={{ marginTop: 12 }}>
                <ObjectTable rows={notPassing.slice(0, 200)} columns={kRuleColumns} caption="Rules failing or known gaps" />
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function sourceColumns(rows: Row[]): Column<Row>[] {
  if (!rows.some((r) => "name" in r && "rows" in r)) return autoColumns(rows);
  return [
    { key: "name", label: "Source" },
    { key: "reader", label: "Reader" },
    { key: "partitions", label: "Partitions", numeric: true },
    { key: "rows", label: "Rows", numeric: true },
    { key: "bytes", label: "Stored", numeric: true, render: (r) => formatBytes(r.bytes as number) },
    { key: "created_at", label: "Created", render: (r) => formatTime(r.created_at as string) },
  ];
}

function partitionColumns(rows: Row[]): Column<Row>[] {
  const has = (k: string) => rows.some((r) => k in r);
  const cols: Column<Row>[] = [
    { key: "id", label: "Id" },
    { key: "source", label: "Source" },
    { key: "billing_period_start", label: "Billing period", render: (p) => `${String(p.billing_period_start ?? "").slice(0, 10)} – ${String(p.billing_period_end ?? "").slice(0, 10)}` },
    { key: "version", label: "Version", numeric: true },
    { key: "rows", label: "Rows", numeric: true },
    { key: "bytes", label: "Stored", numeric: true, render: (p) => formatBytes(p.bytes as number) },
    { key: "created_at", label: "Ingested", render: (p) => formatTime(p.created_at as string) },
  ];
  if (has("superseded_at")) cols.push({ key: "superseded_at", label: "Superseded", render: (p) => (p.superseded_at ? formatTime(p.superseded_at as string) : "current") });
  return has("billing_period_start") ? cols : autoColumns(rows);
}

export function DataSources() {
  const { user } = useAuth();
  const canIngest = hasRole(user?.role, "editor");
  const sources = useLoad((signal) => api<unknown>("/api/v1/sources", { signal }).then((r) => listOf<Row>(r, "sources")), []);
  const partitions = useLoad((signal) => api<unknown>("/api/v1/partitions", { signal }).then((r) => listOf<Row>(r, "partitions")), []);
  const jobsLoad = useLoad((signal) => api<unknown>("/api/v1/jobs", { signal }).then((r) => listOf<Job>(r, "jobs")), []);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [live, setLive] = useState<"connecting" | "live" | "offline">("connecting");
  const [dataVersion, setDataVersion] = useState<string | null>(null);
  const [openPartition, setOpenPartition] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [uploadSource, setUploadSource] = useState("");
  const [folder, setFolder] = useState("");
  const [folderSource, setFolderSource] = useState("");
  const [actionError, setActionError] = useState<unknown>();
  const [message, setMessage] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);
  const reloaders = useRef({ sources: sources.reload, partitions: partitions.reload, jobs: jobsLoad.reload });
  reloaders.current = { sources: sources.reload, partitions: partitions.reload, jobs: jobsLoad.reload };

  useEffect(() => {
    const fetched = jobsLoad.data;
    if (fetched) setJobs((held) => mergeJobList(held, fetched));
  }, [jobsLoad.data]);

  useEffect(() => {
    const es = new EventSource("/api/v1/events", { withCredentials: true });
    // Job events sent while the stream was down are not replayed: a reconnect re-reads the jobs.
    let opened = false;
    es.onopen = () => {
      setLive("live");
      if (opened) reloaders.current.jobs();
      opened = true;
    };
    es.onerror = () => setLive(es.readyState === EventSource.CLOSED ? "offline" : "connecting");
    es.addEventListener("job", (e) => {
      try {
        const raw = JSON.parse((e as MessageEvent).data) as Job | { job: Job };
        const job = "job" in raw ? raw.job : raw;
        setJobs((list) => mergeJob(list, job));
      } catch {
        // A malformed event is ignored; the job list is re-read on the next data event or reconnect.
      }
    });
    // The stream starts with the current data version; later data events mean a commit made
    // new data visible.
    let baseline: string | null = null;
    es.addEventListener("data", (e) => {
      let version = "";
      try {
        version = String((JSON.parse((e as MessageEvent).data) as { version?: unknown }).version ?? "");
      } catch {
        version = "";
      }
      if (baseline === null) {
        baseline = version;
        return;
      }
      if (version === baseline) return;
      baseline = version;
      setDataVersion(version);
      reloaders.current.sources();
      reloaders.current.partitions();
      reloaders.current.jobs();
    });
    return () => es.close();
  }, []);

  function addJob(job: Job | undefined) {
    if (!job) return;
    setJobs((list) => mergeJob(list, job));
  }

  async function upload(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setActionError(undefined);
    setMessage("");
    try {
      const q = new URLSearchParams({ filename: file.name });
      if (uploadSource) q.set("source", uploadSource);
      const r = await api<{ job: Job }>(`/api/v1/uploads?${q}`, { rawBody: file, contentType: file.name.endsWith(".gz") ? "application/gzip" : "application/octet-stream" });
      addJob(r?.job);
      setMessage(`Uploaded ${file.name}; ingestion started (job ${r?.job?.id ?? "?"}).`);
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
    } catch (err) {
      setActionError(err);
    }
  }

  async function registerFolder(e: FormEvent) {
    e.preventDefault();
    setActionError(undefined);
    setMessage("");
    try {
      const r = await api<{ job: Job }>("/api/v1/sources/folders", { body: folderSource ? { path: folder, source: folderSource } : { path: folder } });
      addJob(r?.job);
      setMessage(`Folder ${folder} registered; ingestion started (job ${r?.job?.id ?? "?"}).`);
    } catch (err) {
      setActionError(err);
    }
  }

  const jobColumns: Column<Job>[] = [
    { key: "id", label: "Job" },
    { key: "state", label: "State", render: (j) => <Badge value={j.state} /> },
    { key: "source", label: "Source", render: (j) => j.source ?? "—" },
    { key: "files", label: "Files", render: (j) => fileNames(j.files) },
    { key: "progress", label: "Progress", render: (j) => <JobProgress job={j} /> },
    { key: "issues", label: "Issues", numeric: true, render: (j) => (j.issues?.length ? <details><summary>{j.issues.length}</summary><ul>{j.issues.slice(0, 20).map((x, i) => <li key={i} className="mono">{typeof x === "string" ? x : JSON.stringify(x)}</li>)}</ul></details> : "0") },
    { key: "started_at", label: "Started", render: (j) => formatTime(j.started_at) },
    { key: "finished_at", label: "Finished", render: (j) => formatTime(j.finished_at) },
  ];

  const partitionRows = partitions.data ?? [];
  const partitionCols: Column<Row>[] = [
    ...partitionColumns(partitionRows).filter((c) => c.key !== "superseded_at"),
    {
      key: "_details",
      label: "Details",
      render: (p) => {
        const id = String(p.id ?? p.partition_id ?? "");
        return (
          <button aria-expanded={openPartition === id} onClick={() => setOpenPartition(openPartition === id ? null : id)}>
            {openPartition === id ? "Hide" : "History & conformance"}
          </button>
        );
      },
    },
  ];

  return (
    <>
      <div className="row page-head">
        <h1>Data sources</h1>
        <span className="spacer" />
        <span className="muted" role="status" aria-live="polite" data-testid="live-status">
          {live === "live" ? "● Live updates on" : live === "connecting" ? "○ Connecting to live updates…" : "○ Live updates off (reload to retry)"}
        </span>
      </div>
      {dataVersion !== null && (
        <div className="notice success" role="status" data-testid="data-updated">
          New data is visible{dataVersion ? ` (store version ${dataVersion})` : ""}. <a href="#/explorer">Open the cost explorer</a>.
        </div>
      )}
      <ErrorNotice error={actionError} title="The ingestion could not start" />
      {message && (
        <div className="notice" role="status">
          {message}
        </div>
      )}
      {canIngest ? (
        <div className="grid two-col">
          <form className="card" onSubmit={(e) => void upload(e)} aria-labelledby="upload-title">
            <h2 id="upload-title">Upload a billing file</h2>
            <p className="muted">FOCUS, AWS CUR, Azure cost details or Google billing export; gzip allowed. The format is detected.</p>
            <div className="stack" style={{ gap: 10 }}>
              <label className="field">
                <span>File</span>
                <input ref={fileInput} type="file" name="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
              </label>
              <label className="field">
                <span>Source name (optional)</span>
                <input value={uploadSource} onChange={(e) => setUploadSource(e.target.value)} placeholder="default: the reader's name" />
              </label>
              <div>
                <button className="primary" type="submit" disabled={!file}>
                  Upload and ingest
                </button>
              </div>
            </div>
          </form>
          <form className="card" onSubmit={(e) => void registerFolder(e)} aria-labelledby="folder-title">
            <h2 id="folder-title">Register a folder</h2>
            <p className="muted">A folder on the server, read recursively (export deliveries, manifests).</p>
            <div className="stack" style={{ gap: 10 }}>
              <label className="field">
                <span>Folder path on the server</span>
                <input value={folder} onChange={(e) => setFolder(e.target.value)} required placeholder="/srv/exports/aws-cur" />
              </label>
              <label className="field">
                <span>Source name (optional)</span>
                <input value={folderSource} onChange={(e) => setFolderSource(e.target.value)} />
              </label>
              <div>
                <button className="primary" type="submit" disabled={!folder}>
                  Register and ingest
                </button>
              </div>
            </div>
          </form>
        </div>
      ) : (
        <div className="notice">You have the viewer role: you can see sources and jobs; ask an editor to upload files or register folders.</div>
      )}
      <section className="card" aria-labelledby="jobs-title" style={{ margin: "16px 0" }}>
        <h2 id="jobs-title">Ingestion jobs</h2>
        {jobsLoad.error ? <ErrorNotice error={jobsLoad.error} onRetry={jobsLoad.reload} /> : jobsLoad.loading && !jobs.length ? <Loading what="jobs" /> : jobs.length ? <ObjectTable rows={jobs} columns={jobColumns} caption="Ingestion jobs" rowKey={(j) => String(j.id)} testId="jobs-table" /> : <Empty>No ingestion yet. Upload a file or register a folder to start one.</Empty>}
      </section>
      <section className="card" aria-labelledby="sources-title" style={{ marginBottom: 16 }}>
        <h2 id="sources-title">Sources</h2>
        {sources.error ? <ErrorNotice error={sources.error} onRetry={sources.reload} /> : !sources.data ? <Loading what="sources" /> : sources.data.length ? <ObjectTable rows={sources.data} columns={sourceColumns(sources.data)} caption="Sources" testId="sources-table" /> : <Empty>No sources yet. Upload a billing export above to create one.</Empty>}
      </section>
      <section className="card" aria-labelledby="partitions-title">
        <h2 id="partitions-title">Partitions</h2>
        {partitions.error ? (
          <ErrorNotice error={partitions.error} onRetry={partitions.reload} />
        ) : !partitions.data ? (
          <Loading what="partitions" />
        ) : partitionRows.length ? (
          <>
            <ObjectTable rows={partitionRows} columns={partitionCols} caption="Partitions" testId="partitions-table" />
            {openPartition && (
              <div className="card" style={{ marginTop: 12 }} aria-label={`Partition ${openPartition}`}>
                <div className="row">
                  <h3>Partition {openPartition}</h3>
                  <span className="spacer" />
                  <button onClick={() => setOpenPartition(null)}>Close</button>
                </div>
                <Partition id={openPartition} />
              </div>
            )}
          </>
        ) : (
          <Empty>No partitions yet: each (source, billing period) becomes one when data is ingested.</Empty>
        )}
      </section>
    </>
  );
}
