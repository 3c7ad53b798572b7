// Budgets (issue 4): list with status (spent, forecast, thresholds), create and delete.
import { useCallback, useState, type FormEvent } from "react";
import { api, hasRole, listOf } from "../api";
import { useAuth } from "../auth";
import { Badge, Empty, ErrorNotice, isNotAvailable, Loading, NotAvailable, useLoad } from "../components/common";
import { Chart } from "../components/Chart";
import { Dialog } from "../components/Dialog";
import { autoColumns, ObjectTable, type Column } from "../components/ObjectTable";
import { formatMoney, formatPercent, toChartNumber } from "../money";

type Row = Record<string, unknown>;

function str(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

interface BudgetStatus {
  budget_name?: string;
  period_label?: string;
  period_start?: string;
  period_end?: string;
  as_of?: string;
  currency?: string | null;
  amount?: string;
  actual?: string;
  percent_used?: string;
  projected?: string;
  projected_low?: string;
  projected_high?: string;
  projected_percent?: string;
  projection_model?: string;
  exceeded?: boolean;
  breach_date?: string | null;
  breach_lead_days?: number | null;
  thresholds?: Row[];
  summary?: string;
  daily?: { t: string; value: string }[];
  variance?: Row[];
}

function Status({ id }: { id: string }) {
  const s = useLoad((signal) => api<BudgetStatus>(`/api/v1/budgets/${encodeURIComponent(id)}/status?variance_periods=3`, { signal }), [id]);
  const fmt = useCallback((v: number) => formatMoney(String(Math.round(v)), s.data?.currency ?? undefined, true), [s.data?.currency]);
  if (s.error) return <ErrorNotice error={s.error} onRetry={s.reload} />;
  if (!s.data) return <Loading what="budget status" />;
  const b = s.data;
  const cur = b.currency ?? undefined;
  const daily = b.daily ?? [];
  return (
    <div className="stack">
      {b.summary && <p>{b.summary}</p>}
      <div className="grid kpis">
        <div className="card">
          <div className="kpi-label">Spent{b.period_label ? ` in ${b.period_label}` : ""}</div>
          <div className="kpi-value">{formatMoney(b.actual, cur)}</div>
          <div className="kpi-sub">
            of {formatMoney(b.amount, cur)} ({formatPercent(b.percent_used ?? null)})
          </div>
        </div>
        <div className="card">
          <div className="kpi-label">Projected at period end</div>
          <div className={`kpi-value ${b.exceeded ? "up" : ""}`}>{formatMoney(b.projected, cur)}</div>
          <div className="kpi-sub">
            {formatMoney(b.projected_low, cur)} – {formatMoney(b.projected_high, cur)} ({formatPercent(b.projected_percent ?? null)}
            {b.projection_model ? `, ${b.projection_model}` : ""})
          </div>
        </div>
        <div className="card">
          <div className="kpi-label">Breach</div>
          <div className="kpi-value">{b.breach_date ? b.breach_date.slice(0, 10) : "none expected"}</div>
          {b.breach_lead_days !== null && b.breach_lead_days !== undefined && <div className="kpi-sub">in {b.breach_lead_days} days</div>}
        </div>
      </div>
      {daily.length > 0 && <Chart small kind="bar" label="Daily spend" categories={daily.map((d) => d.t.slice(0, 10))} series={[{ name: "Daily spend", values: daily.map((d) => toChartNumber(d.value)) }]} formatValue={fmt} />}
      {b.thresholds && b.thresholds.length > 0 && (
        <ObjectTable
          caption="Thresholds"
          rows={b.thresholds}
          columns={[
            { key: "percent", label: "Threshold", render: (t) => formatPercent(str(t.percent)) },
            { key: "basis", label: "Basis" },
            { key: "level", label: "Level", numeric: true, render: (t) => formatMoney(str(t.level), cur) },
            { key: "crossed", label: "Crossed", render: (t) => (t.crossed ? <Badge value="fail" /> : "no") },
            { key: "on", label: "On", render: (t) => (t.on ? str(t.on).slice(0, 10) : "—") },
          ]}
        />
      )}
      {b.variance && b.variance.length > 0 && (
        <ObjectTable
          caption="Variance of past periods"
          rows={b.variance}
          columns={[
            { key: "label", label: "Period" },
            { key: "amount", label: "Budget", numeric: true, render: (v) => formatMoney(str(v.amount), cur) },
            { key: "actual", label: "Actual", numeric: true, render: (v) => formatMoney(str(v.actual), cur) },
            { key: "variance", label: "Variance", numeric: true, render: (v) => `${formatMoney(str(v.variance), cur)} (${formatPercent(str(v.variance_percent))})` },
            {
              key: "top_contributors",
              label: "Top contributors",
              render: (v) =>
                ((v.top_contributors ?? []) as Row[])
                  .slice(0, 3)
                  .map((c) => `${str(c.value) || "(none)"} ${formatMoney(str(c.contribution), cur)}`)
                  .join("; ") || "—",
            },
          ]}
        />
      )}
    </div>
  );
}

export function Budgets() {
  const { user } = useAuth();
  const canEdit = hasRole(user?.role, "editor");
  const list = useLoad((signal) => api<Row>("/api/v1/budgets", { signal }), []);
  const items = listOf<Row>(list.data, "budgets");
  const [name, setName] = useState("");
  const [amount, setAmount] = useState("");
  const [period, setPeriod] = useState("monthly");
  const [scopeDimension, setScopeDimension] = useState("");
  const [scopeValue, setScopeValue] = useState("");
  const [error, setError] = useState<unknown>();
  const [open, setOpen] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      const body: Row = { name, amount, period, thresholds: [{ percent: "80", basis: "actual" }, { percent: "100", basis: "forecast" }] };
      if (scopeDimension && scopeValue) body.scope = [{ dimension: scopeDimension, op: "in", values: [scopeValue] }];
      await api("/api/v1/budgets", { body });
      setName("");
      setAmount("");
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  async function remove(id: string) {
    if (!window.confirm("Delete this budget?")) return;
    try {
      await api(`/api/v1/budgets/${encodeURIComponent(id)}`, { method: "DELETE" });
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  const columns: Column<Row>[] = [
    ...autoColumns(items)
      .filter((c) => !["filters", "thresholds", "period_amounts"].includes(c.key))
      .map((c) => ({
        ...c,
        render: (r: Row) =>
          c.key === "amount"
            ? formatMoney(str(r.amount), r.currency as string)
            : c.key === "scope" && Array.isArray(r.scope)
              ? (r.scope as Row[]).map((f) => `${str(f.dimension)} ${str(f.op)} ${Array.isArray(f.values) ? f.values.join(", ") : ""}`).join("; ") || "everything"
              : str(r[c.key]) || "—",
      })),
    {
      key: "_a",
      label: "Actions",
      render: (r) => (
        <div className="row">
          <button onClick={() => setOpen(str(r.id))}>Status</button>
          {canEdit && (
            <button className="danger" onClick={() => void remove(str(r.id))}>
              Delete
            </button>
          )}
        </div>
      ),
    },
  ];
  return (
    <>
      <h1>Budgets</h1>
      {list.error && isNotAvailable(list.error) ? (
        <NotAvailable feature="Budgets" />
      ) : (
        <>
          <ErrorNotice error={error} title="The budget change was refused" />
          <section className="card" style={{ marginBottom: 16 }}>
            {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : !list.data ? <Loading what="budgets" /> : items.length ? <ObjectTable caption="Budgets" rows={items} columns={columns} rowKey={(r) => str(r.id)} /> : <Empty>No budgets yet.{canEdit ? " Create one below to be warned before spending runs over." : ""}</Empty>}
          </section>
          {canEdit && (
            <form className="card toolbar" onSubmit={(e) => void create(e)} aria-label="Create a budget">
              <label className="field">
                <span>Name</span>
                <input value={name} onChange={(e) => setName(e.target.value)} required />
              </label>
              <label className="field">
                <span>Amount</span>
                <input value={amount} onChange={(e) => setAmount(e.target.value)} required inputMode="decimal" pattern="\d+(\.\d+)?" title="A decimal amount such as 1500.00" />
              </label>
              <label className="field">
                <span>Period</span>
                <select aria-label="Period" value={period} onChange={(e) => setPeriod(e.target.value)}>
                  <option value="monthly">Monthly</option>
                  <option value="quarterly">Quarterly</option>
                  <option value="annual">Annual</option>
                </select>
              </label>
              <label className="field">
                <span>Scope dimension (optional)</span>
                <input value={scopeDimension} onChange={(e) => setScopeDimension(e.target.value)} placeholder="tag:team" />
              </label>
              <label className="field">
                <span>Scope value</span>
                <input value={scopeValue} onChange={(e) => setScopeValue(e.target.value)} placeholder="payments" />
              </label>
              <button className="primary" type="submit">
                Create budget
              </button>
            </form>
          )}
        </>
      )}
      {open && (
        <Dialog title="Budget status" onClose={() => setOpen(null)}>
          <Status id={open} />
        </Dialog>
      )}
    </>
  );
}
