// Alert rules and their delivery log (issue 4): list, create (budget threshold), enable/disable,
// delete; channels (secrets redacted by the API); evaluate now; recent deliveries.
import { useState, type FormEvent } from "react";
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
  const channels = useLoad((signal) => api<Row>("/api/v1/channels", { signal }), []);
  const [error, setError] = useState<unknown>();
  const [ruleName, setRuleName] = useState("");
  const [channelId, setChannelId] = useState("");
  const [basis, setBasis] = useState("actual");
  const [ran, setRan] = useState<Row | null>(null);
  const channelItems = listOf<Row>(channels.data, "channels");
  const items = listOf<Row>(rules.data, "rules").length ? listOf<Row>(rules.data, "rules") : listOf<Row>(rules.data, "alert_rules");
  const log = listOf<Row>(deliveries.data, "deliveries");

  async function act(what: () => Promise<unknown>) {
    setError(undefined);
    try {
      await what();
      rules.reload();
      deliveries.reload();
    } catch (e) {
      setError(e);
    }
  }
  async function createRule(e: FormEvent) {
    e.preventDefault();
    await act(() => api("/api/v1/alert-rules", { body: { name: ruleName, type: "budget_threshold", basis, channels: [Number(channelId)] } }));
    setRuleName("");
  }
  async function runNow() {
    await act(async () => setRan(await api<Row>("/api/v1/alerts/run", { method: "POST" })));
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
          {canEdit && (
            <form className="card toolbar" onSubmit={(e) => void createRule(e)} aria-label="Create an alert rule">
              <label className="field">
                <span>Rule name</span>
                <input value={ruleName} onChange={(e) => setRuleName(e.target.value)} required />
              </label>
              <label className="field">
                <span>Budget threshold basis</span>
                <select aria-label="Basis" value={basis} onChange={(e) => setBasis(e.target.value)}>
                  <option value="actual">actual</option>
                  <option value="forecast">forecast</option>
                </select>
              </label>
              <label className="field">
                <span>Channel</span>
                <select aria-label="Channel" value={channelId} onChange={(e) => setChannelId(e.target.value)} required>
                  <option value="">choose…</option>
                  {channelItems.map((c) => (
                    <option key={str(c.id)} value={str(c.id)}>
                      {str(c.name)} ({str(c.kind)})
                    </option>
                  ))}
                </select>
              </label>
              <button className="primary" type="submit" disabled={!channelItems.length}>
                Create rule
              </button>
              <button type="button" onClick={() => void runNow()}>
                Evaluate now
              </button>
            </form>
          )}
          {ran && (
            <div className="notice success" role="status">
              Evaluated {str(ran.rules)} rules: {str(ran.notifications)} notifications, {str(ran.delivered)} delivered, {str(ran.failed)} failed.
            </div>
          )}
          <section className="card" aria-labelledby="channels-title">
            <h2 id="channels-title">Channels</h2>
            {channels.error ? <ErrorNotice error={channels.error} onRetry={channels.reload} /> : !channels.data ? <Loading what="channels" /> : channelItems.length ? <ObjectTable caption="Channels" rows={channelItems} columns={autoColumns(channelItems).map((c) => ({ ...c, render: (r: Row) => str(r[c.key]) || "—" }))} rowKey={(r) => str(r.id)} /> : <Empty>No channels. Add one with the API (POST /api/v1/channels) or `cloudoptima alerts channels add`.</Empty>}
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
