// Formatting of the API's exact decimal strings for display. Amounts are never summed here:
// the strings go to Intl.NumberFormat as strings, which rounds them exactly (no double).

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

type Formattable = number | bigint | `${number}`;

/** True for a decimal string the API sends ("123.45", "-0.0000004"). */
export function isDecimalString(value: unknown): value is string {
  return typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value);
}

/**
 * Formats an amount in its currency ("$1,234.57"); with no currency, two decimals and no symbol.
 * `null`/missing values show as an em dash. Rounding is exact (half-expand) on the string.
 */
export function formatMoney(value: string | null | undefined, currency?: string | null, compact = false): string {
  if (value === null || value === undefined || value === "") return "—";
  if (!isDecimalString(value)) return String(value);
  const cur = currency && /^[A-Z]{3}$/.test(currency) ? currency : undefined;
  const key = `${cur ?? "-"}|${compact}`;
  const f = formatter(key, () =>
    new Intl.NumberFormat("en-US", {
      ...(cur ? { style: "currency", currency: cur } : { minimumFractionDigits: 2 }),
      maximumFractionDigits: compact ? 1 : 2,
      ...(compact ? { notation: "compact", minimumFractionDigits: 0 } : {}),
    }),
  );
  return f.format(value as Formattable);
}

/** Formats a plain decimal string or number with grouping (quantities, row counts). */
export function formatNumber(value: string | number | null | undefined, maxFractionDigits = 2): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" && !isDecimalString(value)) return value;
  const f = formatter(`n${maxFractionDigits}`, () => new Intl.NumberFormat("en-US", { maximumFractionDigits: maxFractionDigits }));
  return f.format(value as Formattable);
}

/** Formats a percentage given as a number or decimal string ("12.5" → "+12.5%"); signed when asked. */
export function formatPercent(value: string | number | null | undefined, signed = false): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" && !isDecimalString(value)) return value;
  const f = formatter(`p${signed}`, () =>
    new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: signed ? "exceptZero" : "auto" }),
  );
  return `${f.format(value as Formattable)}%`;
}

/** Formats a byte count ("1.5 MB"). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** The sign of a decimal string: -1, 0 or 1 (exact, no parsing to a double). */
export function signOf(value: string | null | undefined): number {
  if (!value || !isDecimalString(value)) return 0;
  if (/^-?0+(\.0+)?$/.test(value)) return 0;
  return value.startsWith("-") ? -1 : 1;
}

/** A number for charts only (plotting needs doubles; tables and totals keep the strings). */
export function toChartNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && isDecimalString(value)) return Number(value);
  return 0;
}
