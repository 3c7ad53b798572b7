// Commitment purchases (issue 5): what to commit to per provider (Savings Plan, savings plan,
// committed use) at the level with the best net saving, simulated over the last 7/30/60 billed
// days of hourly usage (GET /api/v1/commitments/purchases), with reserved-instance alternatives.
import { useState } from "react";
import { api, listOf } from "../api";
import { Empty, ErrorNotice, Loading, useLoad } from "../components/common";
import { ObjectTable, type Column } from "../components/ObjectTable";
import { formatMoney, formatNumber, formatPercent } from "../money";

type Row = Record<string, unknown>;

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

/** A fraction given as a decimal string ("0.953") as a percentage ("95.3%"); display only. */
function fraction(v: unknown): string {
  const s = text(v);
  return s === "" ? "—" : formatPercent(Number(s) * 100);
}

function breakEven(v: unknown): string {
  const month = Number(v);
  return month > 0 ? `month ${month}` : "never";
}

export function CommitmentPurchases() {
  const [lookback, setLookback] = useState("30");
  const [term, setTerm] = useState("1y");
  const [payment, setPayment] = useState("no-upfront");
  const qs = new URLSearchParams({ lookback, term, payment }).toString();
  const plan = useLoad((signal) => api<Row>(`/api/v1/commitments/purchases?${qs}`, { signal }), [qs]);
  const recommendations = listOf<Row>(plan.data, "recommendations");
  const reservations = listOf<Row>(plan.data, "reservations");
  const notes = listOf<string>(plan.data, "notes");

  const money = (key: string, label: string): Column<Row> => ({ key, label, numeric: true, render: (r) => formatMoney(text(r[key]), text(r.currency)) });
  const columns: Column<Row>[] = [
    { key: "provider", label: "provider" },
    { key: "commitment", label: "commitment" },
    money("hourly_commitment", "hourly commitment"),
    { key: "expected_utilization", label: "expected utilization", numeric: true, render: (r) => fraction(r.expected_utilization) },
    { key: "coverage", label: "coverage before → after", numeric: true, render: (r) => `${fraction(r.coverage_before)} → ${fraction(r.coverage_after)}` },
    money("monthly_savings", "monthly savings"),
    money("yearly_savings", "savings, 1 year"),
    money("term_savings", plan.data?.term === "3y" ? "savings, 3 years" : "savings over the term"),
    { key: "break_even_month", label: "break-even", render: (r) => breakEven(r.break_even_month) },
    { key: "discount_source", label: "discount from", render: (r) => `${fraction(r.discount_rate)} (${text(r.discount_source)})` },
  ];
  const reservationColumns: Column<Row>[] = [
    { key: "provider", label: "provider" },
    { key: "region", label: "region" },
    { key: "instance_type", label: "instance type" },
    { key: "instances", label: "instances", numeric: true, render: (r) => formatNumber(text(r.instances), 0) },
    { key: "expected_utilization", label: "expected utilization", numeric: true, render: (r) => fraction(r.expected_utilization) },
    money("monthly_savings", "monthly savings"),
    money("term_savings", "savings over the term"),
    { key: "break_even_month", label: "break-even", render: (r) => breakEven(r.break_even_month) },
  ];

  return (
    <section className="card" aria-labelledby="purchases-title" data-testid="commitment-purchases">
      <h2 id="purchases-title">Commitment purchases</h2>
      <div className="toolbar">
        <label className="field">
          <span>Usage window</span>
          <select aria-label="Usage window" value={lookback} onChange={(e) => setLookback(e.target.value)}>
            {["7", "30", "60"].map((d) => (
              <option key={d} value={d}>
                last {d} days
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Term</span>
          <select aria-label="Term" value={term} onChange={(e) => setTerm(e.target.value)}>
            <option value="1y">1 year</option>
            <option value="3y">3 years</option>
          </select>
        </label>
        <label className="field">
          <span>Payment</span>
          <select aria-label="Payment" value={payment} onChange={(e) => setPayment(e.target.value)}>
            <option value="no-upfront">no upfront</option>
            <option value="partial-upfront">partial upfront</option>
            <option value="all-upfront">all upfront</option>
          </select>
        </label>
      </div>
      {plan.error ? (
        <ErrorNotice error={plan.error} onRetry={plan.reload} />
      ) : !plan.data || plan.loading ? (
        <Loading what="commitment purchases" />
      ) : (
        <>
          <p className="muted">
            Simulated over hourly on-demand-equivalent usage from {text(plan.data.lookback_start).slice(0, 10)} to {text(plan.data.lookback_end).slice(0, 10)}; the level shown has the best net saving.
          </p>
          {recommendations.length ? (
            <ObjectTable caption="Commitment purchase recommendations" rows={recommendations} columns={columns} rowKey={(r, i) => `${text(r.provider)}-${i}`} testId="purchases-table" />
          ) : (
            <Empty>No commitment purchase would save money on this usage.</Empty>
          )}
          {reservations.length > 0 && (
            <>
              <h3>Reserved-instance alternatives</h3>
              <ObjectTable caption="Reserved-instance alternatives" rows={reservations.slice(0, 20)} columns={reservationColumns} rowKey={(r, i) => `${text(r.instance_type)}-${text(r.region)}-${i}`} />
            </>
          )}
          {notes.length > 0 && (
            <ul className="muted">
              {notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
