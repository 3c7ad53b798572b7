// Recommendations and budgets against the real server over the demo estate (billing, inventory
// and utilization ingested by run.sh): the savings total the page shows is the API's, an item's
// evidence dialog shows the formula, rate sources and the utilization chart, and a budget
// created through the form shows its status.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiSession, baseUrl, launch, login, money, ownerPassword, ownerUser, screenshot, settle } from "./lib.mjs";

test("the recommendations page shows the API's savings total and an item's evidence", async () => {
  const call = await apiSession(ownerUser, ownerPassword);
  const api = await call("GET", "/api/v1/recommendations");
  assert.equal(api.status, 200, api.text);
  assert.ok(api.json.items.length > 0, "the demo estate has recommendations");
  const b = await launch();
  try {
    await login(b.page);
    await b.page.goto(`${baseUrl}/#/recommendations`);
    await b.page.getByRole("heading", { name: "Recommendations", level: 1 }).waitFor();
    await settle(b.page);
    const total = b.page.locator(".card", { hasText: "Potential monthly savings" }).locator(".kpi-value");
    assert.equal((await total.textContent()).trim(), money(api.json.total_monthly_savings, api.json.currency));
    await b.page.getByRole("button", { name: "Evidence" }).first().click();
    const dialog = b.page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "Savings" }).waitFor();
    const first = api.json.items[0];
    await dialog.getByText(first.savings_formula, { exact: false }).first().waitFor();
    const detail = await call("GET", `/api/v1/recommendations/${first.id}`);
    assert.equal(detail.status, 200, detail.text);
    if (detail.json.savings_terms.length) {
      await dialog.getByText(detail.json.savings_terms[0].rate_source, { exact: false }).first().waitFor();
    }
    await settle(b.page);
    await screenshot(b.page, "recommendation-evidence");
  } finally {
    await b.close();
  }
});

test("commitment purchases show the API's plan and follow the term chosen", async () => {
  const call = await apiSession(ownerUser, ownerPassword);
  const plans = {};
  for (const term of ["1y", "3y"]) {
    const r = await call("GET", `/api/v1/commitments/purchases?lookback=30&term=${term}&payment=no-upfront`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.recommendations.length > 0, `the demo estate has ${term} commitment purchases`);
    plans[term] = r.json.recommendations[0];
  }
  const b = await launch();
  try {
    await login(b.page);
    await b.page.goto(`${baseUrl}/#/recommendations`);
    const section = b.page.getByTestId("commitment-purchases");
    const firstRow = section.getByTestId("purchases-table").locator("tbody tr").first();
    await firstRow.waitFor();
    const oneYear = plans["1y"];
    assert.match(await firstRow.innerText(), new RegExp(oneYear.commitment));
    assert.ok((await firstRow.innerText()).includes(money(oneYear.monthly_savings, oneYear.currency)), await firstRow.innerText());
    await section.getByLabel("Term").selectOption("3y");
    const threeYears = plans["3y"];
    await section.getByRole("columnheader", { name: "savings, 3 years" }).waitFor();
    await firstRow.filter({ hasText: money(threeYears.term_savings, threeYears.currency) }).waitFor();
  } finally {
    await b.close();
  }
});

test("a budget created through the form shows its status", async () => {
  const b = await launch();
  try {
    await login(b.page);
    await b.page.goto(`${baseUrl}/#/budgets`);
    await b.page.getByRole("heading", { name: "Budgets", level: 1 }).waitFor();
    const form = b.page.getByRole("form", { name: "Create a budget" });
    await form.getByLabel("Name").fill("e2e-monthly");
    await form.getByLabel("Amount").fill("5000");
    await form.getByRole("button", { name: "Create budget" }).click();
    const row = b.page.getByRole("row", { name: /e2e-monthly/ });
    await row.waitFor();
    await row.getByRole("button", { name: "Status" }).click();
    const dialog = b.page.getByRole("dialog");
    await dialog.getByText(/^Spent/).first().waitFor();
    await dialog.getByText("Projected at period end").waitFor();
    await settle(b.page);
    await screenshot(b.page, "budget-status");
    const call = await apiSession(ownerUser, ownerPassword);
    const list = await call("GET", "/api/v1/budgets");
    const created = list.json.budgets.find((x) => x.name === "e2e-monthly");
    assert.ok(created, list.text);
    assert.equal(created.amount, "5000");
    const status = await call("GET", `/api/v1/budgets/${created.id}/status`);
    assert.equal(status.status, 200, status.text);
    await dialog.getByText(money(status.json.actual, status.json.currency ?? "USD")).first().waitFor();
  } finally {
    await b.close();
  }
});

test("an anomaly's root cause sentence shows and feedback marks it expected", async () => {
  const call = await apiSession(ownerUser, ownerPassword);
  const api = await call("GET", "/api/v1/anomalies?limit=1");
  assert.equal(api.status, 200, api.text);
  assert.ok(api.json.anomalies.length > 0, "run.sh records the demo estate's anomalies");
  const first = api.json.anomalies[0];
  const b = await launch();
  try {
    await login(b.page);
    await b.page.goto(`${baseUrl}/#/anomalies`);
    await b.page.getByRole("heading", { name: "Anomalies", level: 1 }).waitFor();
    await b.page.getByRole("button", { name: "Root cause" }).first().click();
    const dialog = b.page.getByRole("dialog");
    await dialog.getByText(first.summary, { exact: true }).first().waitFor();
    await dialog.getByRole("table", { name: "Root cause contributors" }).waitFor();
    await screenshot(b.page, "anomaly-root-cause");
    await dialog.getByRole("button", { name: /Expected/ }).click();
    await dialog.getByText("Thanks: marked as expected.").waitFor();
    const after = await call("GET", `/api/v1/anomalies/${first.id}`);
    assert.equal(after.json.status, "expected");
  } finally {
    await b.close();
  }
});
