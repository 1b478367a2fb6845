import { expect, type Locator, type Page } from "@playwright/test";
import { serviceName, text, type Messages } from "../support/messages";

/** The page's <title> (server actions end in a client-side navigation that sets it after the heading). */
export async function expectTitle(page: Page, m: Messages, title: string) {
  await expect(page).toHaveTitle(`${title} | ${serviceName(m)}`);
}

// The account area: granted apps, revoke, security activity, sign out everywhere.

/** Moves the focus with Tab, as a keyboard user does, until it is on `target`, and presses Enter. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return page.keyboard.press("Enter");
  }
  throw new Error("Tab never reached the control");
}

export async function openGrantedApps(page: Page, m: Messages) {
  await page.goto("/account/apps");
  await expect(page.getByRole("heading", { level: 1, name: m.Apps.title })).toBeVisible();
}

/** One app's entry in the list, found by its name. */
export function grantedApp(page: Page, name: string) {
  return page.getByRole("article", { name });
}

export async function expectGrantedApp(
  page: Page,
  m: Messages,
  app: { name: string; scopes: (keyof Messages["Scopes"])[]; grantedOn: string; until: string } & (
    | { continuous: boolean }
    /** Only per-use grants that can still refresh: the day they can refresh until. */
    | { perUseUntil: string }
  ),
) {
  const entry = grantedApp(page, app.name);
  await expect(entry).toBeVisible();
  for (const scope of app.scopes) await expect(entry.getByText(m.Scopes[scope].title, { exact: true })).toBeVisible();
  await expect(entry.getByText(text(m.Apps.grantedAt, { date: app.grantedOn }), { exact: true })).toBeVisible();
  await expect(entry.getByText(app.until, { exact: true })).toBeVisible();
  const kind = "perUseUntil" in app ? text(m.Apps.perUse, { date: app.perUseUntil }) : app.continuous ? m.Apps.continuous : m.Apps.oneTime;
  await expect(entry.getByText(kind, { exact: true })).toBeVisible();
}

export async function expectNoGrantedApp(page: Page, name: string) {
  await expect(grantedApp(page, name)).toHaveCount(0);
}

export async function startRevoke(page: Page, m: Messages, name: string, { keyboard = false } = {}) {
  const link = page.getByRole("link", { name: text(m.Apps.revokeFor, { client: name }), exact: true });
  if (keyboard) await tabTo(page, link);
  else await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text(m.Apps.confirm.title, { client: name }));
}

export async function confirmRevoke(page: Page, m: Messages, name: string, { keyboard = false } = {}) {
  const button = page.getByRole("button", { name: m.Apps.confirm.confirm, exact: true });
  if (keyboard) await tabTo(page, button);
  else await button.click();
  await expect(page.getByRole("heading", { level: 1, name: m.Apps.revoked.title })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(text(m.Apps.revoked.body, { client: name }));
  await expectTitle(page, m, m.Apps.revoked.metaTitle);
}

export async function revokeAll(page: Page, m: Messages) {
  await page.getByRole("link", { name: m.Apps.revokeAll, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.Apps.confirm.allTitle })).toBeVisible();
  await page.getByRole("button", { name: m.Apps.confirm.confirmAll, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(m.Apps.revoked.allBody);
  await expectTitle(page, m, m.Apps.revoked.metaTitle);
}

export async function openSecurity(page: Page, m: Messages) {
  await page.goto("/account/security");
  await expect(page.getByRole("heading", { level: 1, name: m.Activity.title })).toBeVisible();
}

/** A row of the activity table, by what happened (the event text as a person reads it). */
export function activityRow(page: Page, m: Messages, kind: keyof Messages["Activity"]["events"], client = "") {
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name: text(m.Activity.events[kind], { client }), exact: true }) });
}

export async function signOutEverywhere(page: Page, m: Messages) {
  await page.getByRole("link", { name: m.Activity.signOutEverywhere, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.Account.signOutEverywhere.title })).toBeVisible();
}

export async function confirmSignOutEverywhere(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Account.signOutEverywhere.confirm, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.Account.signedOut.everywhereTitle })).toBeVisible();
  await expectTitle(page, m, m.Account.signedOut.metaTitle);
}

export async function signOutOfAccount(page: Page, m: Messages) {
  await page.getByRole("navigation", { name: m.Account.nav.label }).getByRole("button", { name: m.Account.nav.signOut }).click();
}
