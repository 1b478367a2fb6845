import { expect, type Page } from "@playwright/test";
import { text, type Messages } from "../support/messages";

export type ScopeKey = keyof Messages["Scopes"];

export async function expectConsentScreen(page: Page, m: Messages, clientName: string) {
  await expect(page).toHaveURL(/\/consent\?consent_challenge=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text(m.Consent.title, { client: clientName }));
}

export async function expectScopes(page: Page, m: Messages, scopes: ScopeKey[]) {
  for (const scope of scopes) await expect(page.getByText(m.Scopes[scope].title, { exact: true })).toBeVisible();
}

/** The list item of one scope, found by its plain-language title. */
export function scopeItem(page: Page, m: Messages, scope: ScopeKey) {
  return page.getByRole("listitem").filter({ has: page.getByText(m.Scopes[scope].title, { exact: true }) }).first();
}

export async function expectMarked(page: Page, m: Messages, scope: ScopeKey, mark: "new" | "granted") {
  await expect(scopeItem(page, m, scope)).toContainText(m.Consent.marks[mark]);
}

export async function expectChange(page: Page, m: Messages, change: keyof Messages["Consent"]["changes"]) {
  await expect(page.getByRole("heading", { name: m.Consent.changes.heading })).toBeVisible();
  await expect(page.getByText(text(m.Consent.changes[change]), { exact: false })).toBeVisible();
}

export async function expectNoChanges(page: Page, m: Messages) {
  await expect(page.getByRole("heading", { name: m.Consent.changes.heading })).toHaveCount(0);
}

/** The end date, as the locale writes it (any of the candidates: the test cannot know the exact second). */
export async function expectEndDate(page: Page, m: Messages, dates: string[]) {
  const shown = await page.getByText(text(m.Consent.access.endsOn, { date: "" }).trim()).textContent();
  expect(dates.map((date) => text(m.Consent.access.endsOn, { date }))).toContain(shown?.trim());
}

export async function allow(page: Page, m: Messages, optional: ScopeKey[] = []) {
  for (const scope of optional) await page.getByRole("checkbox", { name: m.Scopes[scope].title }).check();
  await page.getByRole("button", { name: m.Consent.allow, exact: true }).click();
}

export async function deny(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Consent.deny, exact: true }).click();
}

export async function expectRefusal(page: Page, m: Messages, kind: "unsupported" | "stepUp", clientName: string) {
  await expect(page).toHaveURL(/\/consent\?consent_challenge=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text(m.Consent.refusal[`${kind}Title`], { client: clientName }));
  await expect(page.getByRole("button", { name: m.Consent.allow, exact: true })).toHaveCount(0);
}

export async function returnToApp(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Consent.refusal.back, exact: true }).click();
}
