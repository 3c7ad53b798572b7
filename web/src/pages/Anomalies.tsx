// Anomalies (issue 4): detected cost anomalies with their root cause, and feedback buttons
// (POST /api/v1/anomalies/{id}/feedback) that tune future detection.
import { useState } from "react";
import { api, hasRole, listOf } from "../api";
import { useAuth } from "../auth";
import { Badge, Empty, ErrorNotice, isNotAvailable, Loading, NotAvailable, useLoad } from "../components/common";
import { Dialog } from "../components/Dialog";
import { autoColumns, ObjectTable, type Column } from "../components/ObjectTable";
import { formatMoney } from "../money";

type Row = Record<string, unknown>;

const kStatuses = ["", "open", "expected", "unexpected", "suppressed"];

function str(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

function RootCause({ value, currency }: { value: unknown; currency?: string }) {
  const items = Array.isArray(value) ? (value as Row[]) : value && typeof value === "object" ? [...listOf<Row>(value, "path"), ...listOf<Row>(value, "contributors")] : [];
  if (!items.length) return <p>{value ? str(value) : "No root cause was attributed."}</p>;
  return (
    <ObjectTable
      caption="Root cause contributors"
      rows={items}
      columns={autoColumns(items).map((c) => ({ ...c, render: (r: Row) => (/cost|impact|delta|change|amount/i.test(c.key) && typeof r[c.key] === "string" ? formatMoney(r[c.key] as string, currency) : str(r[c.key]) || "—") }))}
    />
  );
}

function Detail({ id, onDone }: { id: string; onDone: () => void }) {
  const { user } = useAuth();
  const canAct = hasRole(user?.role, "editor");
  const a = useLoad((signal) => api<Row>(`/api/v1/anomalies/${encodeURIComponent(id)}`, { signal }), [id]);
  const [note, setNote] = useState("");
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState("");
  const d = (a.data && "anomaly" in a.data ? (a.data.anomaly as Row) : a.data) ?? undefined;
  const currency = (d?.currency as string | undefined) ?? (a.data?.currency as string | undefined);
  async function feedback(verdict: "expected" | "unexpected") {
    setError(undefined);
    try {
      await api(`/api/v1/anomalies/${encodeURIComponent(id)}/feedback`, { body: note ? { verdict, note } : { verdict } });
      setSent(verdict);
      onDone();
    } catch (e) {
      setError(e);
    }
  }
  if (a.error) return <ErrorNotice error={a.error} onRetry={a.reload} />;
  if (!d) return <Loading what="anomaly" />;
  const rc = (d.root_cause ?? {}) as Row;
  return (
    <div className="stack">
      {d.summary !== undefined && (
        <p>
          <strong>{str(d.summary)}</strong>
        </p>
      )}
      <ObjectTable caption="Anomaly" rows={Object.entries(d).filter(([, v]) => typeof v !== "object" || v === null).map(([k, v]) => ({ field: k.replace(/_/g, " "), value: str(v) }))} />
      <div>
        <h3>Root cause</h3>
        <RootCause value={d.root_cause ?? d.contributors} currency={currency} />
        {typeof rc.explained === "number" && (
          <p className="muted">
            The path explains {Math.round((rc.explained as number) * 100)} % of the change; {str(rc.resources)} resources billed, {str(rc.new_resources)} new
            {rc.resource_kind ? `, mostly ${str(rc.resource_kind)}` : ""}.
          </p>
        )}
      </div>
      <ErrorNotice error={error} title="The feedback was refused" />
      {sent ? (
        <div className="notice success" role="status">Thanks: marked as {sent}.</div>
      ) : canAct ? (
        <div className="toolbar">
          <label className="field" style={{ flex: 1 }}>
            <span>Note (optional)</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. planned load test" />
          </label>
          <button onClick={() => void feedback("expected")}>👍 Expected</button>
          <button className="primary" onClick={() => void feedback("unexpected")}>
            ⚠ Unexpected
          </button>
        </div>
      ) : (
        <p className="muted">Viewers cannot give feedback; ask an editor.</p>
      )}
    </div>
  );
}

const kListColumns = ["summary", "severity", "kind", "start", "impact", "currency", "status"];

export function Anomalies() {
  const { user } = useAuth();
  const canScan = hasRole(user?.role, "editor");
  const [scanning, setScanning] = useState(false);
  const [scanError, setScanError] = useState<unknown>();
  const [status, setStatus] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const list = useLoad((signal) => api<Row>(`/api/v1/anomalies?limit=200${status ? `&status=${status}` : ""}`, { signal }), [status]);
  const items = listOf<Row>(list.data, "anomalies");
  const currency = list.data?.currency as string | undefined;
  const preferred = kListColumns.filter((k) => items.some((r) => k in r));
  const base = preferred.length >= 4 ? preferred.map((k) => ({ key: k, label: k.replace(/_/g, " ") })) : autoColumns(items).filter((c) => !["root_cause", "contributors", "series"].includes(c.key));
  async function scanNow() {
    setScanError(undefined);
    setScanning(true);
    try {
      await api("/api/v1/anomalies/scan", { method: "POST", body: {} });
      list.reload();
    } catch (e) {
      setScanError(e);
    } finally {
      setScanning(false);
    }
  }
  const columns: Column<Row>[] = [
    ...base.map((c) => ({
      ...c,
      numeric: /cost|impact|expected|actual|amount/i.test(c.key),
      render: (r: Row) =>
        c.key === "status" ? <Badge value={str(r.status)} /> : /cost|impact|expected|actual|amount/i.test(c.key) && typeof r[c.key] === "string" ? formatMoney(r[c.key] as string, (r.currency as string) ?? currency) : str(r[c.key]) || "—",
    })),
    { key: "_open", label: "Details", render: (r) => <button onClick={() => setOpen(str(r.id))}>Root cause</button> },
  ];
  return (
    <>
      <h1>Anomalies</h1>
      {list.error && isNotAvailable(list.error) ? (
        <NotAvailable feature="Anomaly detection" />
      ) : (
        <>
          <div className="toolbar">
            <label className="field">
              <span>Status</span>
              <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
                {kStatuses.map((s) => (
                  <option key={s} value={s}>
                    {s || "all"}
                  </option>
                ))}
              </select>
            </label>
            {canScan && (
              <button onClick={() => void scanNow()} disabled={scanning}>
                {scanning ? "Scanning…" : "Scan now"}
              </button>
            )}
          </div>
          <ErrorNotice error={scanError} title="The scan failed" />
          <section className="card">
            {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : !list.data ? <Loading what="anomalies" /> : items.length ? <ObjectTable caption="Anomalies" rows={items} columns={columns} rowKey={(r) => str(r.id)} /> : <Empty>No anomalies{status ? ` with status ${status}` : ""}: spending follows its usual pattern.</Empty>}
          </section>
        </>
      )}
      {open && (
        <Dialog title={`Anomaly ${open}`} onClose={() => setOpen(null)}>
          <Detail id={open} onDone={list.reload} />
        </Dialog>
      )}
    </>
  );
}
