// Recommendations (issue 5): savings totals by category, a filterable list, evidence chart and
// lifecycle actions (accept, dismiss, snooze, implemented), CSV export, commitment purchases.
import { useCallback, useMemo, useState } from "react";
import { api, hasRole, listOf, send } from "../api";
import { useAuth } from "../auth";
import { Chart, type Series } from "../components/Chart";
import { Badge, Empty, ErrorNotice, isNotAvailable, Loading, NotAvailable, useLoad } from "../components/common";
import { Dialog } from "../components/Dialog";
import { CommitmentPurchases } from "./CommitmentPurchases";
import { autoColumns, ObjectTable, type Column } from "../components/ObjectTable";
import { formatMoney, formatNumber, toChartNumber } from "../money";

type Row = Record<string, unknown>;

function str(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

const kMoneyKey = /savings|cost|price|amount/i;

const kDays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Hour-of-week labels ("Mon 00:00" …) of the evidence heat maps (0 = Monday 00:00 UTC). */
const kHoursOfWeek = Array.from({ length: 168 }, (_, i) => `${kDays[Math.floor(i / 24)]} ${String(i % 24).padStart(2, "0")}:00`);

/**
 * The evidence chart: each utilization metric's mean by hour of week (`evidence.metrics[].heatmap.mean`);
 * or, for other shapes, `evidence.series[]` of `{name, points: [{t, value}]}`.
 */
function evidenceSeries(detail: Row): { categories: string[]; series: Series[] } | null {
  const ev = (detail.evidence ?? {}) as Row;
  const metrics = listOf<Row>(ev, "metrics").filter((m) => m.heatmap && Array.isArray((m.heatmap as Row).mean));
  if (metrics.length) {
    return {
      categories: kHoursOfWeek,
      series: metrics.map((m) => ({ name: `${str(m.metric)} (mean by hour of week)`, values: ((m.heatmap as Row).mean as unknown[]).map((v) => (typeof v === "number" ? v : null)) })),
    };
  }
  const raw = listOf<Row>(ev, "series");
  if (!raw.length) return null;
  const ts = new Set<string>();
  const parsed = raw.map((x) => {
    const pts = (Array.isArray(x.points) ? x.points : Array.isArray(x.values) ? x.values : []) as Row[];
    for (const pt of pts) ts.add(str(pt.t));
    return { name: str(x.name ?? x.metric ?? "value"), pts };
  });
  const categories = [...ts].sort();
  const idx = new Map(categories.map((t, i) => [t, i]));
  return {
    categories: categories.map((t) => t.slice(0, 16).replace("T", " ")),
    series: parsed.map(({ name, pts }) => {
      const values: (number | null)[] = categories.map(() => null);
      for (const pt of pts) values[idx.get(str(pt.t))!] = toChartNumber(pt.value);
      return { name, values };
    }),
  };
}

/** The utilization series behind a recommendation (`evidence_series[]` of `{metric, statistic, points: [[t, value]]}`). */
function timelineSeries(detail: Row): { categories: string[]; series: Series[] } | null {
  const raw = listOf<Row>(detail, "evidence_series");
  if (!raw.length) return null;
  const ts = new Set<string>();
  for (const x of raw) for (const pt of (x.points ?? []) as unknown[][]) ts.add(str(pt[0]));
  const categories = [...ts].sort();
  const idx = new Map(categories.map((t, i) => [t, i]));
  return {
    categories: categories.map((t) => t.slice(0, 16).replace("T", " ")),
    series: raw.map((x) => {
      const values: (number | null)[] = categories.map(() => null);
      for (const pt of (x.points ?? []) as unknown[][]) values[idx.get(str(pt[0]))!] = typeof pt[1] === "number" ? pt[1] : null;
      return { name: `${str(x.metric)} (${str(x.statistic)})`, values };
    }),
  };
}

const kCategories = ["compute", "storage", "network", "database", "commitment", "licensing", "schedule"];

const kStatColumns: Column<Row>[] = ["metric", "statistic", "samples", "coverage", "mean", "p95", "max", "idle_fraction", "window_start", "window_end"].map((k) => ({
  key: k,
  label: k.replace(/_/g, " "),
  numeric: ["samples", "coverage", "mean", "p95", "max", "idle_fraction"].includes(k),
}));

const kTermColumns: Column<Row>[] = [
  { key: "label", label: "Term" },
  { key: "sign", label: "Sign" },
  { key: "rate", label: "Rate", numeric: true, render: (t) => `${str(t.rate)} ${str(t.rate_unit)}` },
  { key: "quantity", label: "Quantity", numeric: true, render: (t) => `${str(t.quantity)} ${str(t.quantity_unit)}` },
  { key: "rate_source", label: "Rate source" },
];

function Detail({ id, currency, onChanged }: { id: string; currency?: string; onChanged: () => void }) {
  const { user } = useAuth();
  const canAct = hasRole(user?.role, "editor");
  const r = useLoad((signal) => api<Row>(`/api/v1/recommendations/${encodeURIComponent(id)}`, { signal }), [id]);
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState("");
  const d = r.data && "recommendation" in r.data ? { ...(r.data.recommendation as Row), ...r.data } : r.data;
  const evidence = useMemo(() => (d ? evidenceSeries(d) : null), [d]);
  const timeline = useMemo(() => (d ? timelineSeries(d) : null), [d]);
  const fmt = useCallback((v: number) => formatNumber(v, 2), []);
  async function act(action: string) {
    setError(undefined);
    const body: Row = { action };
    if (reason) body.reason = reason;
    if (action === "snooze") body.until = `${until}T00:00:00Z`;
    try {
      await api(`/api/v1/recommendations/${encodeURIComponent(id)}/actions`, { body });
      setDone(action);
      onChanged();
      r.reload();
    } catch (e) {
      setError(e);
    }
  }
  if (r.error) return <ErrorNotice error={r.error} onRetry={r.reload} />;
  if (!d) return <Loading what="recommendation" />;
  const cur = (d.currency as string | undefined) ?? currency;
  return (
    <div className="stack">
      <ObjectTable
        caption="Recommendation"
        rows={Object.entries(d)
          .filter(([k, v]) => (typeof v !== "object" || v === null) && !["recommendation", "monthly_savings_exact", "savings_formula"].includes(k))
          .map(([k, v]) => ({ field: k.replace(/_/g, " "), value: kMoneyKey.test(k) && typeof v === "string" ? formatMoney(v, cur) : str(v) }))}
      />
      {d.savings_formula !== undefined && (
        <div>
          <h3>Savings</h3>
          <p className="mono">{str(d.savings_formula)}</p>
          {listOf<Row>(d, "savings_terms").length > 0 && <ObjectTable caption="Savings terms" rows={listOf<Row>(d, "savings_terms")} columns={kTermColumns} />}
        </div>
      )}
      {listOf<Row>((d.evidence ?? {}) as Row, "metrics").length > 0 && (
        <div>
          <h3>Utilization</h3>
          <ObjectTable caption="Utilization statistics" rows={listOf<Row>((d.evidence ?? {}) as Row, "metrics")} columns={kStatColumns} />
        </div>
      )}
      {timeline && (
        <div>
          <h3>Utilization over the evidence window</h3>
          <Chart small kind="line" stacked={false} label="Utilization over time" categories={timeline.categories} series={timeline.series} formatValue={fmt} />
        </div>
      )}
      <div>
        <h3>Evidence</h3>
        {evidence ? <Chart small kind="line" stacked={false} label="Evidence" categories={evidence.categories} series={evidence.series} formatValue={fmt} /> : <Empty>No evidence series for this recommendation.</Empty>}
      </div>
      <ErrorNotice error={error} title="The action was refused" />
      {done && <div className="notice success" role="status">Done: {done}.</div>}
      {canAct ? (
        <div className="toolbar">
          <label className="field" style={{ flex: 1 }}>
            <span>Reason (optional)</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button className="primary" onClick={() => void act("accept")}>Accept</button>
          <button onClick={() => void act("implemented")}>Mark implemented</button>
          <button onClick={() => void act("dismiss")}>Dismiss</button>
          <label className="field">
            <span>Snooze until</span>
            <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          </label>
          <button disabled={!until} onClick={() => void act("snooze")}>Snooze</button>
        </div>
      ) : (
        <p className="muted">Viewers cannot act on recommendations; ask an editor.</p>
      )}
    </div>
  );
}

export function Recommendations() {
  const [category, setCategory] = useState("");
  const [account, setAccount] = useState("");
  const [status, setStatus] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [csvError, setCsvError] = useState<unknown>();
  const params = new URLSearchParams();
  if (category) params.set("category", category);
  if (account) params.set("account", account);
  if (status) params.set("status", status);
  const qs = params.toString();
  const list = useLoad((signal) => api<Row>(`/api/v1/recommendations${qs ? `?${qs}` : ""}`, { signal }), [qs]);
  const data = list.data;
  const currency = data?.currency as string | undefined;
  const items = listOf<Row>(data, "items");
  const byCategory = listOf<Row>(data, "by_category");
  const byAccount = listOf<Row>(data, "by_account");
  const byTeam = listOf<Row>(data, "by_team");

  async function exportCsv() {
    setCsvError(undefined);
    try {
      const p = new URLSearchParams(params);
      p.set("format", "csv");
      const response = await send(`/api/v1/recommendations?${p}`);
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = "recommendations.csv";
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setCsvError(e);
    }
  }

  const kPreferred = ["title", "category", "provider", "account_id", "resource_name", "resource_id", "region", "monthly_savings", "confidence_level", "risk", "effort", "status"];
  const present = kPreferred.filter((k) => items.some((r) => k in r));
  const baseColumns = present.length >= 4 ? present.map((k) => ({ key: k, label: k.replace(/_/g, " ") })) : autoColumns(items).filter((c) => !["evidence", "series"].includes(c.key));
  const columns: Column<Row>[] = [
    ...baseColumns
      .map((c) => ({
        ...c,
        numeric: kMoneyKey.test(c.key),
        render: (r: Row) => (c.key === "status" ? <Badge value={str(r.status)} /> : kMoneyKey.test(c.key) && typeof r[c.key] === "string" ? formatMoney(r[c.key] as string, currency) : str(r[c.key]) || "—"),
      })),
    { key: "_o", label: "Details", render: (r) => <button onClick={() => setOpen(str(r.id))}>Evidence</button> },
  ];

  return (
    <>
      <div className="row page-head">
        <h1>Recommendations</h1>
        <span className="spacer" />
        {data && <button onClick={() => void exportCsv()}>Export CSV</button>}
      </div>
      <ErrorNotice error={csvError} title="The export failed" />
      {list.error && isNotAvailable(list.error) ? (
        <NotAvailable feature="Recommendations" />
      ) : list.error ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading what="recommendations" />
      ) : (
        <>
          <div className="grid kpis">
            <div className="card">
              <div className="kpi-label">Potential monthly savings</div>
              <div className="kpi-value">{formatMoney(data.total_monthly_savings as string, currency)}</div>
            </div>
            {byCategory.map((c, i) => (
              <div className="card" key={i}>
                <div className="kpi-label">{str(c.category)}</div>
                <div className="kpi-value">{formatMoney(str(c.monthly_savings ?? c.savings ?? c.total_monthly_savings), currency)}</div>
                {c.count !== undefined && <div className="kpi-sub">{str(c.count)} recommendations</div>}
              </div>
            ))}
          </div>
          <div className="grid two-col">
            {[
              ["By account", "account", byAccount],
              ["By team", "team", byTeam],
            ].map(([title, key, rows]) => (
              <section className="card" key={title as string}>
                <h2>{title as string}</h2>
                {(rows as Row[]).length ? (
                  <ObjectTable
                    caption={title as string}
                    rows={rows as Row[]}
                    columns={[
                      { key: key as string, label: key as string },
                      { key: "monthly_savings", label: "monthly savings", numeric: true, render: (r: Row) => formatMoney(str(r.monthly_savings), currency) },
                    ]}
                  />
                ) : (
                  <Empty>No savings to break down.</Empty>
                )}
              </section>
            ))}
          </div>
          <div className="toolbar">
            <label className="field">
              <span>Category</span>
              <select aria-label="Category" value={category} onChange={(e) => setCategory(e.target.value)}>
                <option value="">all</option>
                {kCategories.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Account</span>
              <input value={account} onChange={(e) => setAccount(e.target.value)} placeholder="account id" />
            </label>
            <label className="field">
              <span>Status</span>
              <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
                {["", "all", "open", "accepted", "dismissed", "snoozed", "implemented", "verified"].map((s) => (
                  <option key={s} value={s}>
                    {s || "active (open, accepted)"}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <section className="card">{items.length ? <ObjectTable caption="Recommendations" rows={items} columns={columns} rowKey={(r) => str(r.id)} /> : <Empty>No recommendations match these filters.</Empty>}</section>
          <CommitmentPurchases />
        </>
      )}
      {open && (
        <Dialog title={`Recommendation ${open}`} onClose={() => setOpen(null)}>
          <Detail id={open} currency={currency} onChanged={list.reload} />
        </Dialog>
      )}
    </>
  );
}
