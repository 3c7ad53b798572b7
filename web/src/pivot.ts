// Turns a query result (docs/query-model.md, format_json) into chart series: one series per group,
// one point per time bucket. Only charts use these doubles; tables show the API's strings.
import type { Series } from "./components/Chart";
import { toChartNumber } from "./money";

export interface QueryColumn {
  name: string;
  type: string;
  currency?: string;
}

export interface QueryResult {
  columns: QueryColumn[];
  rows: Record<string, unknown>[];
  totals: Record<string, string | number | null>;
  total_rows: number;
  next_cursor?: string | null;
  rows_scanned?: number;
  /** Present when something must be known to trust the figures (e.g. sums beyond the exact range shown as null). */
  warnings?: string[];
}

/** The label of a dimension cell: null groups show as "(null)". */
export function cellLabel(v: unknown): string {
  return v === null || v === undefined ? "(null)" : String(v);
}

/** The currency of a metric column of a result (absent when mixed or unknown). */
export function columnCurrency(result: QueryResult | undefined, metric: string): string | undefined {
  return result?.columns.find((c) => c.name === metric)?.currency;
}

/** Pivots bucketed rows into categories (periods, ascending) and series ordered by size, "(others)" last. */
export function pivot(result: QueryResult, dimension: string | null, metric: string): { periods: string[]; series: Series[] } {
  const periods = [...new Set(result.rows.map((r) => String(r.period)))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const byKey = new Map<string, { values: (number | null)[]; size: number }>();
  for (const row of result.rows) {
    const key = dimension ? cellLabel(row[dimension]) : metric;
    let s = byKey.get(key);
    if (!s) {
      s = { values: periods.map(() => null), size: 0 };
      byKey.set(key, s);
    }
    const v = toChartNumber(row[metric]);
    const i = index.get(String(row.period))!;
    s.values[i] = (s.values[i] ?? 0) + v;
    s.size += v;
  }
  const series = [...byKey.entries()]
    .sort(([ka, a], [kb, b]) => (ka === "(others)" ? 1 : kb === "(others)" ? -1 : b.size - a.size))
    .map(([name, s]) => ({ name, values: s.values }));
  return { periods, series };
}
