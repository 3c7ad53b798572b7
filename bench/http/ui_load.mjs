// Page-load timings of the web UI in Chromium against a running `cloudoptima serve`.
//
//   node bench/http/ui_load.mjs URL USER PASSWORD_FILE [ROUNDS]
//
// Signs in once, then for each page and round opens it by a full browser navigation (fresh
// document, as when a user opens a link) and records two times from the navigation's start:
// "shown" (the page's heading is on screen) and "complete" (no loading indicator left and every
// chart has drawn its canvas). Round 1 is the first visit after the server started (its query
// cache empty); later rounds are repeat visits. Prints one line per page and round, then a
// RESULT line with the slowest "complete" time of round 1 and of the later rounds.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const [url, user, passwordFile, roundsText = "3"] = process.argv.slice(2);
if (!url || !user || !passwordFile) {
  console.error("usage: node bench/http/ui_load.mjs URL USER PASSWORD_FILE [ROUNDS]");
  process.exit(2);
}
const base = url.replace(/\/$/, "");
const password = readFileSync(passwordFile, "utf8").trim();
const rounds = Number(roundsText);
const repo = path.resolve(import.meta.dirname, "../..");
const { chromium } = createRequire(path.join(repo, "web/package.json"))("playwright-core");

const kPages = [
  ["overview", "/", "Overview"],
  ["explorer", "/explorer?range=last90&granularity=day&metric=EffectiveCost&group=ServiceName&chart=area", "Cost explorer"],
  ["explorer-forecast", "/explorer?range=last90&granularity=day&metric=EffectiveCost&chart=line&forecast=1", "Cost explorer"],
  ["anomalies", "/anomalies", "Anomalies"],
  ["budgets", "/budgets", "Budgets"],
  ["recommendations", "/recommendations", "Recommendations"],
  ["data-sources", "/data", "Data sources"],
];

const profile = mkdtempSync(path.join(tmpdir(), "optima-ui-bench-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.OPTIMA_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  viewport: { width: 1366, height: 900 },
  timezoneId: "UTC",
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(60_000);
  // Sign in through the API (the context keeps the session cookie), so that no page has been
  // shown before round 1.
  const login = await context.request.post(`${base}/api/v1/auth/login`, { data: { username: user, password } });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);

  const worst = new Map();
  for (let round = 1; round <= rounds; round++) {
    for (const [name, route, heading] of kPages) {
      const started = performance.now();
      await page.goto(`${base}/#${route}`);
      await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
      const shown = performance.now() - started;
      await page.waitForFunction(
        () =>
          !document.querySelector('[role="status"].loading') &&
          [...document.querySelectorAll(".chart")].every((c) => c.querySelector("canvas")),
        null,
        { polling: 10 },
      );
      const complete = performance.now() - started;
      console.log(`round=${round} page=${name} shown_ms=${shown.toFixed(0)} complete_ms=${complete.toFixed(0)}`);
      const key = round === 1 ? "first" : "repeat";
      worst.set(key, Math.max(worst.get(key) ?? 0, complete));
      await page.goto("about:blank");
    }
  }
  console.log(`RESULT slowest_complete_first_visit_ms=${(worst.get("first") ?? 0).toFixed(0)} slowest_complete_repeat_ms=${(worst.get("repeat") ?? 0).toFixed(0)}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
