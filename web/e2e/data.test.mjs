// Upload a billing file on the Data sources page and watch it ingest: the job shows progress,
// then success, the live stream announces new data, and the rows are visible in the explorer.
import assert from "node:assert/strict";
import { basename } from "node:path";
import { after, before, test } from "node:test";
import { apiSession, baseUrl, launch, login, ownerPassword, ownerUser, settle, uploadFile } from "./lib.mjs";

let browser;
let page;
let api;

before(async () => {
  assert.ok(uploadFile, "OPTIMA_E2E_UPLOAD_FILE names the held-out file to upload");
  browser = await launch();
  page = browser.page;
  api = await apiSession(ownerUser, ownerPassword);
  await login(page);
});

after(async () => {
  await browser?.close();
});

function monthOf(file) {
  const m = /(\d{4})(\d{2})\.csv/.exec(basename(file));
  assert.ok(m, `the upload file name carries its month: ${file}`);
  const start = `${m[1]}-${m[2]}-01`;
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1)).toISOString().slice(0, 10);
  return { start, end: next };
}

async function oracleRows(range) {
  const r = await api("POST", "/api/v1/costs/query", { time_range: range, metrics: ["row_count"], filters: [{ dimension: "ProviderName", op: "in", values: ["Oracle"] }] });
  assert.equal(r.status, 200, r.text);
  return r.json.rows[0].row_count;
}

test("upload a file, watch it ingest, see its data", async () => {
  const range = monthOf(uploadFile);
  assert.equal(await oracleRows(range), 0, "the held-out month has no Oracle rows before the upload");
  const explorerUrl = `${baseUrl}/#/explorer?range=custom&start=${range.start}&end=${range.end}&granularity=day&metric=EffectiveCost&group=ProviderName&chart=area`;
  await page.goto(explorerUrl);
  await settle(page);
  assert.equal(await page.getByTestId("explorer-table").getByRole("button", { name: "Drill into Oracle" }).count(), 0);

  await page.getByRole("link", { name: "Data sources" }).click();
  await page.getByRole("heading", { name: "Data sources" }).waitFor();
  await page.getByTestId("live-status").filter({ hasText: "Live updates on" }).waitFor();
  await page.getByLabel("File", { exact: true }).setInputFiles(uploadFile);
  await page.getByLabel("Source name (optional)").first().fill("oci-upload");
  const seen = [];
  await page.exposeFunction("__optimaSawState", (s) => seen.push(s));
  await page.evaluate(() => {
    const observer = new MutationObserver(() => {
      const t = document.querySelector('[data-testid="jobs-table"] tbody tr');
      if (t) window.__optimaSawState(t.innerText);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  await page.getByRole("status").filter({ hasText: `Uploaded ${basename(uploadFile)}` }).waitFor();
  const row = page.getByTestId("jobs-table").locator("tbody tr").first();
  await row.filter({ hasText: /succeeded|failed/ }).waitFor({ timeout: 60_000 }).catch(async (e) => {
    throw new Error(`the job did not finish; its row shows: ${await row.innerText()}`, { cause: e });
  });
  assert.match(await row.innerText(), /succeeded/);
  assert.match(await row.innerText(), /oci-upload/);
  assert.match(await row.innerText(), /[1-9][\d,]* rows/);
  assert.ok(seen.some((s) => /queued|running/.test(s)), `the job was shown in progress before success: ${JSON.stringify(seen.slice(0, 5))}`);
  await page.getByTestId("data-updated").waitFor();
  await page.getByTestId("sources-table").getByText("oci-upload").waitFor();

  assert.ok((await oracleRows(range)) > 0, "the upload made the month's Oracle rows visible");
  await page.goto(explorerUrl);
  await settle(page);
  await page.getByTestId("explorer-table").getByRole("button", { name: "Drill into Oracle" }).waitFor();
});

test("a partition shows its restatement history and conformance report", async () => {
  await page.goto(`${baseUrl}/#/data`);
  await page.getByTestId("partitions-table").waitFor();
  await page.getByRole("button", { name: "History & conformance" }).first().click();
  await page.getByTestId("history-table").waitFor();
  await page.getByTestId("conformance-summary").waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId("conformance-summary").innerText(), /onformant|fail/);
});
