// Adds a filter: pick a dimension, search its values (GET /api/v1/dimensions/{name}/values?search=),
// choose include or exclude, pick a value. Keyboard: arrows move in the list, Enter picks.
import { useEffect, useId, useState } from "react";
import { api } from "../api";
import { formatMoney } from "../money";
import { isNotAvailable } from "./common";
import type { Filter } from "../explorerState";

interface Dimension {
  name: string;
  kind: string;
}

interface ValuesResponse {
  values: { value: string | null; cost: string }[];
  currency?: string;
}

export function FilterPicker({ dimensions, range, onAdd }: { dimensions: Dimension[]; range: { start: string; end: string }; onAdd: (f: Filter) => void }) {
  const id = useId();
  const [dimension, setDimension] = useState("");
  const [op, setOp] = useState<"in" | "not_in">("in");
  const [search, setSearch] = useState("");
  const [values, setValues] = useState<ValuesResponse | null>(null);
  const [error, setError] = useState("");
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!dimension) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const q = new URLSearchParams({ search, limit: "50", start: range.start, end: range.end });
      api<ValuesResponse>(`/api/v1/dimensions/${encodeURIComponent(dimension)}/values?${q}`, { signal: controller.signal })
        .then((v) => {
          setValues(v);
          setError("");
          setActive(0);
        })
        .catch((e: unknown) => {
          if (controller.signal.aborted) return;
          setError(isNotAvailable(e) ? "This server cannot search dimension values yet (GET /api/v1/dimensions/{name}/values)." : e instanceof Error ? e.message : String(e));
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [dimension, search, range.start, range.end]);

  function pick(value: string | null) {
    onAdd(value === null ? { dimension, op: op === "in" ? "is_null" : "not_null", values: [] } : { dimension, op, values: [value] });
    setSearch("");
    setOpen(false);
  }

  const list = values?.values ?? [];
  return (
    <div className="toolbar" style={{ marginBottom: 8 }} role="group" aria-label="Add a filter">
      <label className="field">
        <span>Filter on</span>
        <select value={dimension} onChange={(e) => { setDimension(e.target.value); setValues(null); setOpen(true); }} aria-label="Filter dimension">
          <option value="">Choose a dimension…</option>
          {dimensions.map((d) => (
            <option key={d.name} value={d.name}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Match</span>
        <select value={op} onChange={(e) => setOp(e.target.value as "in" | "not_in")} aria-label="Filter operator">
          <option value="in">is</option>
          <option value="not_in">is not</option>
        </select>
      </label>
      <div className="field combo">
        <label htmlFor={`${id}-search`}>
          <span style={{ fontWeight: 600 }}>Value</span>
        </label>
        <input
          id={`${id}-search`}
          role="combobox"
          aria-expanded={open && list.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open && list.length ? `${id}-opt-${active}` : undefined}
          placeholder={dimension ? "Search values…" : "Choose a dimension first"}
          disabled={!dimension}
          value={search}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onChange={(e) => { setSearch(e.target.value); setOpen(true); }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") { e.preventDefault(); setActive((a) => Math.min(a + 1, list.length - 1)); setOpen(true); }
            else if (e.key === "ArrowUp") { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
            else if (e.key === "Enter" && open && list[active]) { e.preventDefault(); pick(list[active].value); }
            else if (e.key === "Escape") setOpen(false);
          }}
        />
        {open && dimension && (
          <ul className="combo-list" id={`${id}-list`} role="listbox" aria-label={`Values of ${dimension}`}>
            {error && <li role="option" aria-selected="false" aria-disabled="true">{error}</li>}
            {!error && values && list.length === 0 && <li role="option" aria-selected="false" aria-disabled="true">No value matches “{search}”.</li>}
            {list.map((v, i) => (
              <li
                key={`${v.value}`}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => { e.preventDefault(); pick(v.value); }}
              >
                <span>{v.value ?? "(null)"}</span>
                <span className="muted">{formatMoney(v.cost, values?.currency, true)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
