// Screenshots of every page in light and dark themes (and Overview at phone width) into the
// artifacts folder; on a phone the navigation collapses behind the menu button.
import assert from "node:assert/strict";
import { test } from "node:test";
import { baseUrl, kDesktop, kPhone, launch, login, screenshot, settle } from "./lib.mjs";

const kPages = [
  ["overview", "/"],
  ["explorer", "/explorer?range=last90&granularity=week&metric=EffectiveCost&group=ServiceName&chart=area"],
  ["explorer-forecast", "/explorer?range=last90&granularity=day&metric=EffectiveCost&chart=line&forecast=1"],
  ["data-sources", "/data"],
  ["settings", "/settings"],
  ["anomalies", "/anomalies"],
  ["budgets", "/budgets"],
  ["recommendations", "/recommendations"],
  ["alert-rules", "/alerts"],
];

for (const scheme of ["light", "dark"]) {
  test(`every page renders in the ${scheme} theme`, async () => {
    const b = await launch({ viewport: kDesktop, colorScheme: scheme });
    try {
      await b.page.goto(`${baseUrl}/`);
      await screenshot(b.page, `login-${scheme}`);
      await login(b.page);
      assert.equal(await b.page.evaluate(() => document.documentElement.dataset.theme), scheme, "follows prefers-color-scheme");
      const started = Date.now();
      await b.page.reload();
      await b.page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
      const shell = Date.now() - started;
      await settle(b.page);
      const charts = Date.now() - started;
      console.log(`# overview (${scheme}): page shown in ${shell} ms, charts drawn in ${charts} ms`);
      assert.ok(shell < 2000, `the overview page shows within 2 s (${shell} ms)`);
      for (const [name, route] of kPages) {
        await b.page.goto(`${baseUrl}/#${route}`);
        await b.page.locator("main h1").first().waitFor();
        await settle(b.page);
        await screenshot(b.page, `${name}-${scheme}-desktop`);
      }
      assert.deepEqual(b.consoleErrors, []);
    } finally {
      await b.close();
    }
  });

  test(`overview at phone width in the ${scheme} theme`, async () => {
    const b = await launch({ viewport: kPhone, colorScheme: scheme });
    try {
      await login(b.page);
      await settle(b.page);
      assert.equal(await b.page.getByRole("link", { name: "Cost explorer" }).isVisible(), false, "the navigation is collapsed");
      await screenshot(b.page, `overview-${scheme}-phone`);
      await b.page.getByRole("button", { name: /Menu/ }).click();
      assert.equal(await b.page.getByRole("link", { name: "Cost explorer" }).isVisible(), true);
      await screenshot(b.page, `overview-${scheme}-phone-menu`);
      const width = await b.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= kPhone.width, `no horizontal scrolling at phone width (${width}px)`);
    } finally {
      await b.close();
    }
  });
}
