// Date range presets of the cost explorer, in UTC, as [start, end) day strings for the query model.

export type Preset = "last7" | "last30" | "last90" | "thisMonth" | "lastMonth" | "last12Months" | "ytd";

export const kPresets: { id: Preset; label: string }[] = [
  { id: "last7", label: "Last 7 days" },
  { id: "last30", label: "Last 30 days" },
  { id: "last90", label: "Last 90 days" },
  { id: "thisMonth", label: "This month" },
  { id: "lastMonth", label: "Last month" },
  { id: "last12Months", label: "Last 12 months" },
  { id: "ytd", label: "Year to date" },
];

/** "YYYY-MM-DD" of a Date, in UTC. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function utcDay(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m, d));
}

/** True for a valid "YYYY-MM-DD". */
export function isIsoDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && isoDay(d) === s;
}

/**
 * The [start, end) of a preset for the day `today` (UTC). Ranges that include today end
 * tomorrow (the end is exclusive), so today's charges count.
 */
export function presetRange(preset: Preset, today: Date = new Date()): { start: string; end: string } {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const d = today.getUTCDate();
  const tomorrow = utcDay(y, m, d + 1);
  switch (preset) {
    case "last7":
      return { start: isoDay(utcDay(y, m, d - 6)), end: isoDay(tomorrow) };
    case "last30":
      return { start: isoDay(utcDay(y, m, d - 29)), end: isoDay(tomorrow) };
    case "last90":
      return { start: isoDay(utcDay(y, m, d - 89)), end: isoDay(tomorrow) };
    case "thisMonth":
      return { start: isoDay(utcDay(y, m, 1)), end: isoDay(tomorrow) };
    case "lastMonth":
      return { start: isoDay(utcDay(y, m - 1, 1)), end: isoDay(utcDay(y, m, 1)) };
    case "last12Months":
      return { start: isoDay(utcDay(y, m - 11, 1)), end: isoDay(tomorrow) };
    case "ytd":
      return { start: isoDay(utcDay(y, 0, 1)), end: isoDay(tomorrow) };
  }
}

/** Formats an API time ("2026-09-01T00:00:00Z") for a chart axis at a granularity. */
export function formatPeriod(t: string, granularity: string): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return t;
  if (granularity === "month") return d.toLocaleDateString("en-US", { year: "numeric", month: "short", timeZone: "UTC" });
  if (granularity === "hour") return `${isoDay(d)} ${t.slice(11, 16)}`;
  return isoDay(d);
}

/** Formats an API time for tables ("2026-09-01 12:30 UTC"); empty when missing. */
export function formatTime(t: string | null | undefined): string {
  if (!t) return "—";
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return t;
  return `${isoDay(d)} ${d.toISOString().slice(11, 16)} UTC`;
}
