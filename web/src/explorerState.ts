// The cost explorer's state and its query-string form, so a view can be shared and reloaded,
// and the query model (docs/query-model.md) it asks the API for.
import { isIsoDay, kPresets, presetRange, type Preset } from "./dates";

export type Granularity = "day" | "week" | "month";
export type Metric = "BilledCost" | "EffectiveCost" | "ListCost";
export type ChartKind = "area" | "bar" | "line";
export type FilterOp = "in" | "not_in" | "prefix" | "is_null" | "not_null";

export interface Filter {
  dimension: string;
  op: FilterOp;
  values: string[];
}

export interface ExplorerState {
  range: Preset | "custom";
  start: string;
  end: string;
  granularity: Granularity;
  metric: Metric;
  groupBy: string;
  filters: Filter[];
  chart: ChartKind;
  forecast: boolean;
}

export const kMetrics: Metric[] = ["EffectiveCost", "BilledCost", "ListCost"];
export const kGranularities: Granularity[] = ["day", "week", "month"];
export const kCharts: ChartKind[] = ["area", "bar", "line"];
const kOps: FilterOp[] = ["in", "not_in", "prefix", "is_null", "not_null"];

/** The drill-down order: clicking a series of one dimension groups by the next. */
export const kDrillOrder = ["ProviderName", "ServiceCategory", "ServiceName", "SubAccountName", "RegionName", "ResourceId"];

/** The dimension a drill-down on `dimension` groups by next. */
export function nextDrillDimension(dimension: string): string {
  const i = kDrillOrder.indexOf(dimension);
  if (i >= 0 && i + 1 < kDrillOrder.length) return kDrillOrder[i + 1];
  if (dimension === "SubAccountId") return "RegionName";
  return dimension === "ResourceId" ? "ChargeDescription" : "ResourceId";
}

export function defaultState(today: Date = new Date()): ExplorerState {
  const r = presetRange("last30", today);
  return { range: "last30", ...r, granularity: "day", metric: "EffectiveCost", groupBy: "ServiceName", filters: [], chart: "area", forecast: false };
}

function parseFilters(text: string | null): Filter[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    const out: Filter[] = [];
    for (const f of parsed) {
      if (!f || typeof f !== "object") continue;
      const { dimension, op, values } = f as Record<string, unknown>;
      if (typeof dimension !== "string" || !dimension) continue;
      if (!kOps.includes(op as FilterOp)) continue;
      const vals = Array.isArray(values) ? values.filter((v): v is string => typeof v === "string") : [];
      if ((op === "in" || op === "not_in" || op === "prefix") && vals.length === 0) continue;
      out.push({ dimension, op: op as FilterOp, values: op === "is_null" || op === "not_null" ? [] : vals });
    }
    return out;
  } catch {
    return [];
  }
}

/** Reads the state from a query string ("range=last7&group=ServiceName…"); missing or bad parts take their defaults. */
export function decodeState(search: string, today: Date = new Date()): ExplorerState {
  const p = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  const s = defaultState(today);
  const range = p.get("range");
  const start = p.get("start") ?? "";
  const end = p.get("end") ?? "";
  if (range === "custom" || (!range && start && end)) {
    if (isIsoDay(start) && isIsoDay(end) && start < end) Object.assign(s, { range: "custom", start, end });
  } else if (range && kPresets.some((x) => x.id === range)) {
    Object.assign(s, { range, ...presetRange(range as Preset, today) });
  }
  const g = p.get("granularity");
  if (kGranularities.includes(g as Granularity)) s.granularity = g as Granularity;
  const m = p.get("metric");
  if (kMetrics.includes(m as Metric)) s.metric = m as Metric;
  const group = p.get("group");
  if (group !== null) s.groupBy = group;
  const c = p.get("chart");
  if (kCharts.includes(c as ChartKind)) s.chart = c as ChartKind;
  s.filters = parseFilters(p.get("filters"));
  s.forecast = p.get("forecast") === "1";
  return s;
}

/** Writes the state as a query string (without "?"); preset ranges are stored by name so they stay relative. */
export function encodeState(s: ExplorerState): string {
  const p = new URLSearchParams();
  p.set("range", s.range);
  if (s.range === "custom") {
    p.set("start", s.start);
    p.set("end", s.end);
  }
  p.set("granularity", s.granularity);
  p.set("metric", s.metric);
  p.set("group", s.groupBy);
  if (s.filters.length) p.set("filters", JSON.stringify(s.filters));
  p.set("chart", s.chart);
  if (s.forecast) p.set("forecast", "1");
  return p.toString();
}

/** The query model for the chart/table: time buckets, the top groups with the rest folded into others. */
export function chartQuery(s: ExplorerState, topN = 10): Record<string, unknown> {
  const q: Record<string, unknown> = {
    time_range: { start: s.start, end: s.end },
    granularity: s.granularity,
    metrics: [s.metric],
    filters: s.filters,
  };
  if (s.groupBy) {
    q.group_by = [s.groupBy];
    q.top_n = topN;
    q.others = true;
  }
  return q;
}

/** The query model for the table: one row per group over the whole range, largest first. */
export function tableQuery(s: ExplorerState): Record<string, unknown> {
  const q: Record<string, unknown> = {
    time_range: { start: s.start, end: s.end },
    metrics: [s.metric],
    filters: s.filters,
    limit: 500,
  };
  if (s.groupBy) q.group_by = [s.groupBy];
  return q;
}

/** Adds (or replaces) an `in` filter on `dimension` = `value` and groups by the next dimension. */
export function drillDown(s: ExplorerState, value: string | null): ExplorerState {
  const dimension = s.groupBy;
  const rest = s.filters.filter((f) => f.dimension !== dimension);
  const filter: Filter = value === null ? { dimension, op: "is_null", values: [] } : { dimension, op: "in", values: [value] };
  return { ...s, filters: [...rest, filter], groupBy: nextDrillDimension(dimension) };
}
