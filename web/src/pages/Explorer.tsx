// Cost explorer: range, granularity, metric, group-by, filters with value search, stacked chart
// with drill-down, table with the API's totals, CSV download; the whole state lives in the URL.
import { useCallback, useMemo, useState } from "react";
import { api, listOf, send } from "../api";
import { Chart, type Band } from "../components/Chart";
import { Empty, ErrorNotice, isNotAvailable, Loading, useLoad } from "../components/common";
import { FilterPicker } from "../components/FilterPicker";
import { formatPeriod, isIsoDay, kPresets, presetRange, type Preset } from "../dates";
import {
  chartQuery,
  decodeState,
  drillDown,
  encodeState,
  kCharts,
  kGranularities,
  kMetrics,
  nextDrillDimension,
  tableQuery,
  type ExplorerState,
  type Filter,
} from "../explorerState";
import { formatMoney } from "../money";
import { cellLabel, columnCurrency, pivot, type QueryResult } from "../pivot";
import { navigate } from "../router";
import { toChartNumber } from "../money";

interface Dimension {
  name: string;
  kind: string;
}

interface ForecastResponse {
  currency?: string;
  series: { key: string; history: { t: string; value: string }[]; forecast: { t: string; mean: string; lo80: string; hi80: string }[] }[];
}

function filterLabel(f: Filter): string {
  switch (f.op) {
    case "in":
      return `${f.dimension} is ${f.values.join(" or ")}`;
    case "not_in":
      return `${f.dimension} is not ${f.values.join(" or ")}`;
    case "prefix":
      return `${f.dimension} starts with ${f.values.join(" or ")}`;
    case "is_null":
      return `${f.dimension} is empty`;
    case "not_null":
      return `${f.dimension} is set`;
  }
}

/** FOCUS string columns offered when the server cannot list the dimensions with data. */
const kStandardDimensions: Dimension[] = [
  "ProviderName", "ServiceCategory", "ServiceName", "SubAccountName", "SubAccountId", "BillingAccountName", "RegionName",
  "AvailabilityZone", "ChargeCategory", "ChargeDescription", "PricingCategory", "CommitmentDiscountType", "SkuId", "ResourceType", "ResourceId", "BillingCurrency",
].map((name) => ({ name, kind: "column" }));

const kHorizon = { day: 14, week: 4, month: 3 } as const;

async function downloadCsv(state: ExplorerState): Promise<void> {
  const response = await send("/api/v1/costs/query?format=csv", { body: { ...tableQuery(state), limit: undefined } });
  const blob = await response.blob();
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const name = match?.[1] ?? `costs-${state.groupBy || "total"}-${state.start}-${state.end}.csv`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Explorer({ search }: { search: string }) {
  const state = useMemo(() => decodeState(search), [search]);
  const update = useCallback((next: ExplorerState) => navigate("/explorer", encodeState(next)), []);
  const [csvError, setCsvError] = useState<unknown>();
  const [csvBusy, setCsvBusy] = useState(false);

  const dims = useLoad((signal) => api<unknown>("/api/v1/dimensions", { signal }).then((r) => listOf<Dimension>(r, "dimensions")), []);
  const chartQ = useMemo(() => chartQuery(state), [state]);
  const tableQ = useMemo(() => tableQuery(state), [state]);
  const chart = useLoad((signal) => api<QueryResult>("/api/v1/costs/query", { body: chartQ, signal }), [JSON.stringify(chartQ)]);
  const table = useLoad((signal) => api<QueryResult>("/api/v1/costs/query", { body: tableQ, signal }), [JSON.stringify(tableQ)]);
  const forecastQ = useMemo(
    () => ({ query: { time_range: { start: state.start, end: state.end }, granularity: state.granularity, metrics: [state.metric], filters: state.filters }, horizon: kHorizon[state.granularity] }),
    [state],
  );
  const forecast = useLoad(
    (signal) => (state.forecast ? api<ForecastResponse>("/api/v1/forecasts", { body: forecastQ, signal }) : Promise.resolve(null)),
    [state.forecast, JSON.stringify(forecastQ)],
  );

  const currency = columnCurrency(table.data, state.metric) ?? columnCurrency(chart.data, state.metric);
  const fmtAxis = useCallback((v: number) => formatMoney(String(Math.round(v)), currency, true), [currency]);
  const dimensionsMissing = isNotAvailable(dims.error);
  const dimensions = dims.data ?? (dimensionsMissing ? kStandardDimensions : []);
  const groupable = state.groupBy && !dimensions.some((d) => d.name === state.groupBy) ? [...dimensions, { name: state.groupBy, kind: "column" }] : dimensions;

  const chartData = useMemo(() => {
    if (!chart.data) return null;
    const p = pivot(chart.data, state.groupBy || null, state.metric);
    let categories = p.periods;
    let band: Band | undefined;
    let series = p.series;
    const f = forecast.data?.series?.[0];
    if (state.forecast && f && f.forecast.length) {
      const extra = f.forecast.map((x) => x.t).filter((t) => !categories.includes(t));
      categories = [...categories, ...extra];
      series = series.map((s) => ({ ...s, values: [...s.values, ...extra.map(() => null)] }));
      const at = new Map(f.forecast.map((x) => [x.t, x]));
      band = {
        name: "Forecast",
        lo: categories.map((t) => (at.has(t) ? toChartNumber(at.get(t)!.lo80) : null)),
        hi: categories.map((t) => (at.has(t) ? toChartNumber(at.get(t)!.hi80) : null)),
        mean: categories.map((t) => (at.has(t) ? toChartNumber(at.get(t)!.mean) : null)),
      };
    }
    return { categories: categories.map((t) => formatPeriod(t, state.granularity)), series, band };
  }, [chart.data, forecast.data, state]);

  const onDrill = useCallback(
    (name: string) => {
      if (!state.groupBy || name === "(others)") return;
      update(drillDown(state, name === "(null)" ? null : name));
    },
    [state, update],
  );

  function setRange(range: string) {
    if (range === "custom") update({ ...state, range: "custom" });
    else update({ ...state, range: range as Preset, ...presetRange(range as Preset) });
  }

  return (
    <>
      <h1>Cost explorer</h1>
      <div className="toolbar" role="group" aria-label="Query">
        <label className="field">
          <span>Date range</span>
          <select aria-label="Date range" value={state.range} onChange={(e) => setRange(e.target.value)}>
            {kPresets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom…</option>
          </select>
        </label>
        {state.range === "custom" && (
          <>
            <label className="field">
              <span>From</span>
              <input type="date" value={state.start} onChange={(e) => isIsoDay(e.target.value) && e.target.value < state.end && update({ ...state, start: e.target.value })} />
            </label>
            <label className="field">
              <span>To (exclusive)</span>
              <input type="date" value={state.end} onChange={(e) => isIsoDay(e.target.value) && e.target.value > state.start && update({ ...state, end: e.target.value })} />
            </label>
          </>
        )}
        <div className="field">
          <span id="gran-label">Granularity</span>
          <div className="segmented" role="group" aria-labelledby="gran-label">
            {kGranularities.map((g) => (
              <button key={g} aria-pressed={state.granularity === g} onClick={() => update({ ...state, granularity: g })}>
                {g[0].toUpperCase() + g.slice(1)}
              </button>
            ))}
          </div>
        </div>
        <label className="field">
          <span>Metric</span>
          <select aria-label="Metric" value={state.metric} onChange={(e) => update({ ...state, metric: e.target.value as ExplorerState["metric"] })}>
            {kMetrics.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Group by</span>
          <select aria-label="Group by" value={state.groupBy} onChange={(e) => update({ ...state, groupBy: e.target.value })}>
            <option value="">(no grouping)</option>
            {groupable.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <span id="chart-label">Chart</span>
          <div className="segmented" role="group" aria-labelledby="chart-label">
            {kCharts.map((c) => (
              <button key={c} aria-pressed={state.chart === c} onClick={() => update({ ...state, chart: c })}>
                {c[0].toUpperCase() + c.slice(1)}
              </button>
            ))}
          </div>
        </div>
        <label className="field" style={{ flexDirection: "row", alignItems: "center", gap: 6, minHeight: 34 }}>
          <input type="checkbox" checked={state.forecast} onChange={(e) => update({ ...state, forecast: e.target.checked })} style={{ minHeight: 0 }} />
          <span>Forecast</span>
        </label>
        <span className="spacer" />
        <button
          disabled={csvBusy}
          onClick={() => {
            setCsvBusy(true);
            setCsvError(undefined);
            downloadCsv(state)
              .catch(setCsvError)
              .finally(() => setCsvBusy(false));
          }}
        >
          {csvBusy ? "Preparing CSV…" : "Download CSV"}
        </button>
      </div>
      <ErrorNotice error={csvError} title="The CSV download failed" />
      {dimensionsMissing ? (
        <p className="muted">This server does not list its dimensions yet: showing the standard FOCUS dimensions (tags need a URL such as group=tag:team).</p>
      ) : (
        <ErrorNotice error={dims.error} title="The dimension list could not be loaded" onRetry={dims.reload} />
      )}
      <FilterPicker dimensions={dimensions} range={state} onAdd={(f) => update({ ...state, filters: [...state.filters.filter((x) => x.dimension !== f.dimension), f] })} />
      {state.filters.length > 0 && (
        <div className="chips" aria-label="Active filters">
          {state.filters.map((f, i) => (
            <span className="chip" key={i} data-testid="filter-chip">
              {filterLabel(f)}
              <button aria-label={`Remove filter ${filterLabel(f)}`} onClick={() => update({ ...state, filters: state.filters.filter((_, j) => j !== i) })}>
                ✕
              </button>
            </span>
          ))}
          <button className="link" onClick={() => update({ ...state, filters: [] })}>
            Clear all
          </button>
        </div>
      )}
      <section className="card" aria-labelledby="chart-title" style={{ marginBottom: 16 }}>
        <h2 id="chart-title">
          {state.metric} by {state.granularity}
          {state.groupBy ? ` and ${state.groupBy}` : ""}, {state.start} to {state.end}
          {currency ? ` (${currency})` : ""}
        </h2>
        {state.forecast && forecast.error ? (
          isNotAvailable(forecast.error) ? (
            <p className="muted">Forecasts are not available on this server yet; the chart shows history only.</p>
          ) : (
            <ErrorNotice error={forecast.error} title="The forecast could not be computed" />
          )
        ) : null}
        {chart.error ? (
          <ErrorNotice error={chart.error} onRetry={chart.reload} title="The query failed" />
        ) : !chartData ? (
          <Loading what="chart" />
        ) : chartData.series.length === 0 ? (
          <Empty>
            No costs match. Widen the date range or remove a filter{state.filters.length ? " (see the filters above)" : ""}.
          </Empty>
        ) : (
          <>
            <Chart
              kind={state.chart}
              label={`${state.metric} chart`}
              categories={chartData.categories}
              series={chartData.series}
              formatValue={fmtAxis}
              onSeriesClick={state.groupBy ? onDrill : undefined}
              band={chartData.band}
            />
            {state.groupBy && (
              <p className="muted" style={{ margin: "8px 0 0" }}>
                Click a series or a table row to filter on it and group by {nextDrillDimension(state.groupBy)}.
              </p>
            )}
          </>
        )}
      </section>
      <section className="card" aria-labelledby="table-title">
        <h2 id="table-title">{state.groupBy ? `By ${state.groupBy}` : "Total"}</h2>
        {table.data?.warnings?.map((w) => (
          <div className="notice" role="note" key={w}>
            {w}
          </div>
        ))}
        {table.error ? (
          <ErrorNotice error={table.error} onRetry={table.reload} title="The query failed" />
        ) : !table.data ? (
          <Loading what="table" />
        ) : table.data.rows.length === 0 ? (
          <Empty>No costs match these filters in this date range.</Empty>
        ) : (
          <div className="table-wrap">
            <table data-testid="explorer-table">
              <thead>
                <tr>
                  {state.groupBy && <th scope="col">{state.groupBy}</th>}
                  <th scope="col" className="num">
                    {state.metric}
                    {currency ? ` (${currency})` : ""}
                  </th>
                </tr>
              </thead>
              <tbody>
                {table.data.rows.map((r, i) => {
                  const label = cellLabel(r[state.groupBy]);
                  return (
                    <tr key={i}>
                      {state.groupBy && (
                        <td>
                          {r.others ? (
                            label
                          ) : (
                            <button className="link" onClick={() => onDrill(label)} aria-label={`Drill into ${label}`}>
                              {label}
                            </button>
                          )}
                        </td>
                      )}
                      <td className="num">{formatMoney(r[state.metric] as string, currency)}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  {state.groupBy && <td>Total{table.data.total_rows > table.data.rows.length ? ` (all ${table.data.total_rows} groups)` : ""}</td>}
                  <td className="num" data-testid="explorer-total">
                    {formatMoney(table.data.totals[state.metric] as string | null, currency)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
