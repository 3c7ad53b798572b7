// Budgets (issue 4): list with status (spent, forecast, thresholds), create and delete.
import { useState, type FormEvent } from "react";
import { api, hasRole, listOf } from "../api";
import { useAuth } from "../auth";
import { Empty, ErrorNotice, isNotAvailable, Loading, NotAvailable, useLoad } from "../components/common";
import { Dialog } from "../components/Dialog";
import { autoColumns, ObjectTable, type Column } from "../components/ObjectTable";
import { formatMoney } from "../money";

type Row = Record<string, unknown>;

function str(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

function Status({ id }: { id: string }) {
  const s = useLoad((signal) => api<Row>(`/api/v1/budgets/${encodeURIComponent(id)}/status`, { signal }), [id]);
  if (s.error) return <ErrorNotice error={s.error} onRetry={s.reload} />;
  if (!s.data) return <Loading what="budget status" />;
  const currency = s.data.currency as string | undefined;
  const rows = Object.entries(s.data)
    .filter(([, v]) => typeof v !== "object" || v === null)
    .map(([k, v]) => ({ field: k.replace(/_/g, " "), value: typeof v === "string" && /^-?\d+\.\d+$/.test(v) && k !== "percent" ? formatMoney(v, currency) : str(v) }));
  return <ObjectTable caption="Budget status" rows={rows} />;
}

export function Budgets() {
  const { user } = useAuth();
  const canEdit = hasRole(user?.role, "editor");
  const list = useLoad((signal) => api<Row>("/api/v1/budgets", { signal }), []);
  const items = listOf<Row>(list.data, "budgets");
  const [name, setName] = useState("");
  const [amount, setAmount] = useState("");
  const [period, setPeriod] = useState("month");
  const [error, setError] = useState<unknown>();
  const [open, setOpen] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await api("/api/v1/budgets", { body: { name, amount, period } });
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
    ...autoColumns(items).filter((c) => !["filters", "thresholds", "scope"].includes(c.key)).map((c) => ({ ...c, render: (r: Row) => (c.key === "amount" ? formatMoney(str(r.amount), r.currency as string) : str(r[c.key]) || "—") })),
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
                  <option value="month">Monthly</option>
                  <option value="quarter">Quarterly</option>
                  <option value="year">Yearly</option>
                </select>
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
