import { chromium } from "playwright-core";
const ctx = await chromium.launchPersistentContext("/tmp/smoke-profile-" + Date.now(), { executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox","--disable-gpu"] });
const page = ctx.pages()[0];
await page.goto("http://127.0.0.1:18766/#/");
await page.waitForTimeout(1000);
await page.goto("http://127.0.0.1:18766/#/explorer?range=last90&granularity=week&group=ServiceName");
await page.waitForTimeout(1500);
console.log(await page.evaluate(() => location.href), await page.locator("#chart-title").innerText());
await ctx.close();
