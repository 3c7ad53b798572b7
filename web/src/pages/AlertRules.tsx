// Alert rules and their delivery log (issue 4): list, enable/disable, delete; recent deliveries.
import { useState } from "react";
import { api, hasRole, listOf } from "../api";
import { useAuth } from "../auth";
import { Badge, Empty, ErrorNotice, isNotAvailable, Loading, NotAvailable, useLoad } from "../components/common";
import { autoColumns, ObjectTable, type Column } from "../components/ObjectTable";

type Row = Record<string, unknown>;

function str(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

export function AlertRules() {
  const { user } = useAuth();
  const canEdit = hasRole(user?.role, "editor");
  const rules = useLoad((signal) => api<Row>("/api/v1/alert-rules", { signal }), []);
  const deliveries = useLoad((signal) => api<Row>("/api/v1/deliveries?limit=100", { signal }), []);
  const [error, setError] = useState<unknown>();
  const items = listOf<Row>(rules.data, "rules").length ? listOf<Row>(rules.data, "rules") : listOf<Row>(rules.data, "alert_rules");
  const log = listOf<Row>(deliveries.data, "deliveries");

  async function act(what: () => Promise<unknown>) {
    setError(undefined);
    try {
      await what();
      rules.reload();
    } catch (e) {
      setError(e);
    }
  }
  const columns: Column<Row>[] = [
    ...autoColumns(items).map((c) => ({ ...c, render: (r: Row) => str(r[c.key]) || "—" })),
    ...(canEdit
      ? [
          {
            key: "_a",
            label: "Actions",
            render: (r: Row) => (
              <div className="row">
                {"enabled" in r && (
                  <button onClick={() => void act(() => api(`/api/v1/alert-rules/${encodeURIComponent(str(r.id))}`, { method: "PATCH", body: { enabled: !r.enabled } }))}>
                    {r.enabled ? "Disable" : "Enable"}
                  </button>
                )}
                <button className="danger" onClick={() => window.confirm("Delete this alert rule?") && void act(() => api(`/api/v1/alert-rules/${encodeURIComponent(str(r.id))}`, { method: "DELETE" }))}>
                  Delete
                </button>
              </div>
            ),
          },
        ]
      : []),
  ];
  const logColumns: Column<Row>[] = autoColumns(log).map((c) => ({ ...c, render: (r: Row) => (c.key === "status" || c.key === "state" ? <Badge value={str(r[c.key])} /> : str(r[c.key]) || "—") }));
  return (
    <>
      <h1>Alert rules</h1>
      {rules.error && isNotAvailable(rules.error) ? (
        <NotAvailable feature="Alerting" />
      ) : (
        <div className="stack">
          <ErrorNotice error={error} title="The change was refused" />
          <section className="card" aria-labelledby="rules-title">
            <h2 id="rules-title">Rules</h2>
            {rules.error ? <ErrorNotice error={rules.error} onRetry={rules.reload} /> : !rules.data ? <Loading what="alert rules" /> : items.length ? <ObjectTable caption="Alert rules" rows={items} columns={columns} rowKey={(r) => str(r.id)} /> : <Empty>No alert rules. Create them with the API (POST /api/v1/alert-rules) or the CLI.</Empty>}
          </section>
          <section className="card" aria-labelledby="log-title">
            <h2 id="log-title">Delivery log</h2>
            {deliveries.error ? <ErrorNotice error={deliveries.error} onRetry={deliveries.reload} /> : !deliveries.data ? <Loading what="deliveries" /> : log.length ? <ObjectTable caption="Deliveries" rows={log} columns={logColumns} /> : <Empty>No alert has been delivered yet.</Empty>}
          </section>
        </div>
      )}
    </>
  );
}
