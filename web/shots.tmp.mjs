import { chromium } from "playwright-core";
const scheme = process.argv[2] ?? "light"; const w = Number(process.argv[3] ?? 1366);
const ctx = await chromium.launchPersistentContext("/tmp/smoke-profile-" + Date.now(), { executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox","--disable-gpu"], colorScheme: scheme, viewport: { width: w, height: 900 } });
const page = ctx.pages()[0];
page.on("pageerror", e => console.log("PAGEERROR", e));
page.on("console", m => m.type() === "error" && console.log("console", m.text()));
const base = "http://127.0.0.1:18766/";
await page.goto(base);


for (const [n, r] of (process.argv[4] ?? "overview=/,explorer=/explorer?range=last90&granularity=week&group=ServiceName,data=/data,settings=/settings,anomalies=/anomalies").split(",").map(x => [x.slice(0, x.indexOf("=")), x.slice(x.indexOf("=") + 1)])) {
  await page.goto(base + "#" + r + (r.includes("?") ? "" : ""));
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shot-${n}-${scheme}-${w}.png`, fullPage: true });
}
await ctx.close();
