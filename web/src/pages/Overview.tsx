// Overview: KPI cards (GET /api/v1/kpis), spend trend by provider and by service
// (POST /api/v1/costs/query) and the top movers.
import { useCallback, useState } from "react";
import { api } from "../api";
import { Chart } from "../components/Chart";
import { Empty, ErrorNotice, isNotAvailable, Loading, NotAvailable, useLoad } from "../components/common";
import { formatMoney, formatPercent, signOf } from "../money";
import { formatPeriod, presetRange } from "../dates";
import { columnCurrency, pivot, type QueryResult } from "../pivot";
import { encodeState, defaultState } from "../explorerState";

interface Kpis {
  currency: string;
  other_currencies?: string[];
  as_of: string;
  month_to_date: string | null;
  previous_month_to_date: string | null;
  last_month: string | null;
  run_rate: string | null;
  change_percent: string | number | null;
  top_movers: { dimension: string; value: string | null; current: string; previous: string; change: string }[];
  allocation: { owner_tag: string; allocated: string; total: string; percent: string | number | null } | null;
  untagged_cost: string | null;
  commitment_savings: string | null;
}

function Kpi({ label, value, sub, testId }: { label: string; value: string; sub?: React.ReactNode; testId: string }) {
  return (
    <div className="card" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {sub && <div className="kpi-sub">{sub}</div>}
    </div>
  );
}

function Trend({ title, dimension, granularity }: { title: string; dimension: string; granularity: "day" | "month" }) {
  const range = presetRange(granularity === "day" ? "last30" : "last12Months");
  const result = useLoad(
    (signal) =>
      api<QueryResult>("/api/v1/costs/query", {
        body: { time_range: range, granularity, metrics: ["EffectiveCost"], group_by: [dimension], top_n: 8, others: true },
        signal,
      }),
    [dimension, granularity, range.start, range.end],
  );
  const currency = columnCurrency(result.data, "EffectiveCost");
  const fmt = useCallback((v: number) => formatMoney(String(Math.round(v)), currency, true), [currency]);
  const explore = encodeState({ ...defaultState(), range: granularity === "day" ? "last30" : "last12Months", ...range, granularity, groupBy: dimension });
  let body;
  if (result.error) body = <ErrorNotice error={result.error} onRetry={result.reload} />;
  else if (!result.data) body = <Loading what={title.toLowerCase()} />;
  else if (result.data.rows.length === 0)
    body = <Empty>No costs in this period. Upload billing data on the Data sources page.</Empty>;
  else {
    const p = pivot(result.data, dimension, "EffectiveCost");
    body = (
      <Chart
        small
        kind="area"
        label={title}
        categories={p.periods.map((t) => formatPeriod(t, granularity))}
        series={p.series}
        formatValue={fmt}
      />
    );
  }
  return (
    <section className="card" aria-labelledby={`trend-${dimension}`}>
      <div className="row">
        <h2 id={`trend-${dimension}`}>{title}</h2>
        <span className="spacer" />
        <a href={`#/explorer?${explore}`}>Explore</a>
      </div>
      {body}
    </section>
  );
}

export function Overview() {
  const [granularity, setGranularity] = useState<"day" | "month">("day");
  const kpis = useLoad((signal) => api<Kpis>("/api/v1/kpis?metric=EffectiveCost", { signal }), []);
  const k = kpis.data;
  const cur = k?.currency;
  const change = k?.change_percent;
  const changeSign = typeof change === "number" ? Math.sign(change) : signOf(change ?? null);
  return (
    <>
      <div className="row page-head">
        <h1>Overview</h1>
        <span className="spacer" />
        <div className="segmented" role="group" aria-label="Trend granularity">
          {(["day", "month"] as const).map((g) => (
            <button key={g} aria-pressed={granularity === g} onClick={() => setGranularity(g)}>
              {g === "day" ? "Daily, 30 days" : "Monthly, 12 months"}
            </button>
          ))}
        </div>
      </div>
      {isNotAvailable(kpis.error) ? (
        <NotAvailable feature="The KPI summary" />
      ) : kpis.error ? (
        <ErrorNotice error={kpis.error} onRetry={kpis.reload} title="The KPIs could not be loaded" />
      ) : !k ? (
        <Loading what="KPIs" />
      ) : (
        <>
          <p className="muted" style={{ marginTop: 0 }}>
            Effective cost in {cur}, as of {k.as_of?.slice(0, 10)}.
            {k.other_currencies?.length ? ` Costs billed in ${k.other_currencies.join(", ")} are not included (no conversion); filter on BillingCurrency in the explorer to see them.` : ""}
          </p>
          <div className="grid kpis">
            <Kpi testId="kpi-mtd" label="Month to date" value={formatMoney(k.month_to_date, cur)} sub={<>Same days last month: {formatMoney(k.previous_month_to_date, cur)}</>} />
            <Kpi testId="kpi-last-month" label="Last month" value={formatMoney(k.last_month, cur)} />
            <Kpi testId="kpi-run-rate" label="Run rate (this month)" value={formatMoney(k.run_rate, cur)} />
            <Kpi
              testId="kpi-change"
              label="Change vs previous period"
              value={formatPercent(change ?? null, true)}
              sub={<span className={changeSign > 0 ? "up" : changeSign < 0 ? "down" : ""}>{changeSign > 0 ? "▲ spending more" : changeSign < 0 ? "▼ spending less" : "no change"}</span>}
            />
            <Kpi
              testId="kpi-allocation"
              label={`Allocated${k.allocation?.owner_tag ? ` (tag ${k.allocation.owner_tag})` : ""}`}
              value={formatPercent(k.allocation?.percent ?? null)}
              sub={<>Untagged: {formatMoney(k.untagged_cost, cur)}</>}
            />
            <Kpi testId="kpi-savings" label="Commitment savings realised" value={formatMoney(k.commitment_savings, cur)} />
          </div>
        </>
      )}
      <div className="grid two-col">
        <Trend title="Spend by provider" dimension="ProviderName" granularity={granularity} />
        <Trend title="Spend by service" dimension="ServiceName" granularity={granularity} />
      </div>
      <section className="card" aria-labelledby="movers-title">
        <h2 id="movers-title">Top movers</h2>
        {k && k.top_movers?.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Dimension</th>
                  <th scope="col">Value</th>
                  <th scope="col" className="num">Current</th>
                  <th scope="col" className="num">Previous</th>
                  <th scope="col" className="num">Change</th>
                </tr>
              </thead>
              <tbody>
                {k.top_movers.map((m, i) => (
                  <tr key={i}>
                    <td>{m.dimension}</td>
                    <td>{m.value ?? "(null)"}</td>
                    <td className="num">{formatMoney(m.current, cur)}</td>
                    <td className="num">{formatMoney(m.previous, cur)}</td>
                    <td className={`num ${signOf(m.change) > 0 ? "up" : signOf(m.change) < 0 ? "down" : ""}`}>
                      {signOf(m.change) > 0 ? "+" : ""}
                      {formatMoney(m.change, cur)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : k ? (
          <Empty>No movers: spending is flat compared with the previous period, or there is not enough history yet.</Empty>
        ) : isNotAvailable(kpis.error) ? (
          <Empty>Top movers come with the KPI summary, which this server does not provide yet.</Empty>
        ) : kpis.error ? (
          <Empty>Top movers come with the KPIs; retry above.</Empty>
        ) : (
          <Loading what="top movers" />
        )}
      </section>
    </>
  );
}
