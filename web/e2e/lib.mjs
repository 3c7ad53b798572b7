// Shared helpers of the browser end-to-end tests: Debian's Chromium through playwright-core,
// the server's URL and credentials from the environment (set by run.sh), login, API calls,
// screenshots into the artifacts folder.
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const baseUrl = (process.env.OPTIMA_E2E_URL ?? "").replace(/\/$/, "");
export const ownerUser = process.env.OPTIMA_E2E_USER ?? "admin";
export const ownerPassword = process.env.OPTIMA_E2E_PASSWORD ?? "";
export const artifacts = process.env.OPTIMA_E2E_ARTIFACTS ?? path.join(import.meta.dirname, "artifacts");
export const uploadFile = process.env.OPTIMA_E2E_UPLOAD_FILE ?? "";
export const kDesktop = { width: 1366, height: 900 };
export const kPhone = { width: 390, height: 844 };

if (!baseUrl) throw new Error("OPTIMA_E2E_URL is not set: run the tests through web/e2e/run.sh BINARY");

/** Launches Chromium with a fresh profile; close() also removes the profile. */
export async function launch({ viewport = kDesktop, colorScheme = "light" } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), "optima-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.OPTIMA_E2E_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    viewport,
    colorScheme,
    acceptDownloads: true,
    timezoneId: "UTC",
    locale: "en-US",
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form and waits for the overview. */
export async function login(page, username = ownerUser, password = ownerPassword) {
  await page.goto(`${baseUrl}/#/`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
}

/** Signs out through the navigation. */
export async function logout(page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in to CloudOptima" }).waitFor();
}

/** Saves a full-page screenshot as <artifacts>/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** Waits until every chart on the page has drawn its canvas and no "Loading" text is left. */
export async function settle(page) {
  await page.waitForFunction(() => !document.querySelector('[role="status"].loading'), null, { timeout: 20_000 });
  await page.waitForFunction(() => [...document.querySelectorAll(".chart")].every((c) => c.querySelector("canvas")), null, { timeout: 20_000 });
  await page.waitForTimeout(400);
}

/** A tiny API client over Node's fetch with a session cookie and CSRF token (for test setup). */
export async function apiSession(username, password) {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login as ${username}: HTTP ${r.status} ${await r.text()}`);
  const cookie = (r.headers.getSetCookie?.() ?? [r.headers.get("set-cookie")]).map((c) => String(c).split(";")[0]).join("; ");
  const { csrf_token: csrf } = await r.json();
  return async function call(method, route, body) {
    const res = await fetch(`${baseUrl}${route}`, {
      method,
      headers: { Cookie: cookie, "X-CSRF-Token": csrf ?? "", ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
}

/** Formats an API decimal string as the UI does (en-US, currency, 2 decimals, exact). */
export function money(value, currency) {
  return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 2 }).format(value);
}
