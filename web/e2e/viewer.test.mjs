// A viewer cannot change settings: the owner creates a viewer through the API; signed in as
// the viewer, the settings page has no add, role or delete controls and the API answers 403.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { apiSession, baseUrl, launch, login, ownerPassword, ownerUser } from "./lib.mjs";

let browser;
let page;
const viewer = { username: `viewer${Date.now() % 100000}`, password: "viewer-password-123" };

before(async () => {
  const owner = await apiSession(ownerUser, ownerPassword);
  const r = await owner("POST", "/api/v1/users", { ...viewer, role: "viewer" });
  assert.ok(r.status === 200 || r.status === 201, `create viewer: ${r.status} ${r.text}`);
  browser = await launch();
  page = browser.page;
});

after(async () => {
  await browser?.close();
});

test("the owner sees the user management controls", async () => {
  await login(page);
  await page.goto(`${baseUrl}/#/settings`);
  await page.getByTestId("users-table").getByText(viewer.username).waitFor();
  assert.equal(await page.getByTestId("add-user").count(), 1);
  assert.equal(await page.getByLabel(`Role of ${viewer.username}`).count(), 1);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in to CloudOptima" }).waitFor();
});

test("a viewer sees settings read-only and the API refuses their changes", async () => {
  await login(page, viewer.username, viewer.password);
  await page.goto(`${baseUrl}/#/settings`);
  await page.getByRole("heading", { name: "Settings" }).waitFor();
  await page.getByTestId("users-readonly").waitFor();
  assert.equal(await page.getByTestId("add-user").count(), 0, "no add-user form");
  assert.equal(await page.getByRole("button", { name: "Delete" }).count(), 0, "no delete buttons");
  assert.equal(await page.getByRole("combobox", { name: /^Role of/ }).count(), 0, "no role selects");

  await page.goto(`${baseUrl}/#/data`);
  await page.getByRole("heading", { name: "Data sources" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Upload and ingest" }).count(), 0, "no upload form");

  const status = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    const r = await fetch("/api/v1/users", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token },
      body: JSON.stringify({ username: "intruder", password: "intruder-password", role: "owner" }),
    });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(status.status, 403);
  assert.equal(status.body.error.code, "permission_denied");
  assert.ok(status.body.error.trace_id);
});
