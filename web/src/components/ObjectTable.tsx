// A table of API objects: named columns when given, otherwise every scalar key of the rows.
import type { ReactNode } from "react";
import { formatTime } from "../dates";
import { formatNumber } from "../money";

export interface Column<T> {
  key: string;
  label: string;
  numeric?: boolean;
  render?: (row: T) => ReactNode;
}

function defaultCell(v: unknown, key: string): ReactNode {
  if (v === null || v === undefined) return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return formatNumber(v, 3);
  if (typeof v === "string") {
    if (/_at$|^(started|finished|created|updated)/.test(key) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v)) return formatTime(v);
    return v;
  }
  if (Array.isArray(v)) return v.length <= 3 && v.every((x) => typeof x !== "object") ? v.join(", ") : `${v.length} items`;
  return JSON.stringify(v);
}

/** Columns for the keys of `rows` (those of the first rows, scalars first), when none are given. */
export function autoColumns<T extends object>(rows: T[]): Column<T>[] {
  const keys: string[] = [];
  for (const r of rows.slice(0, 20)) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  return keys.map((k) => ({ key: k, label: k.replace(/_/g, " ") }));
}

export function ObjectTable<T extends object>({ rows, columns, caption, rowKey, testId }: { rows: T[]; columns?: Column<T>[]; caption: string; rowKey?: (r: T, i: number) => string; testId?: string }) {
  const cols = columns ?? autoColumns(rows);
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey ? rowKey(r, i) : i}>
              {cols.map((c) => (
                <td key={c.key} className={c.numeric ? "num" : undefined}>
                  {c.render ? c.render(r) : defaultCell((r as Record<string, unknown>)[c.key], c.key)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
