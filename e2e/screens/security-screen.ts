import { expect, type Page } from "@playwright/test";
import type { Person } from "../support/admin";
import type { Authenticator } from "../support/authenticator";
import type { Messages } from "../support/messages";
import { readRecoveryCodes, setUpAuthenticatorApp } from "./mfa-screen";

// /account/security: confirm it's you, then manage authenticator apps, passkeys, recovery codes.

export async function openSecurity(page: Page) {
  await page.goto("/account/security");
}

export async function expectConfirmScreen(page: Page, m: Messages) {
  await expect(page.getByRole("heading", { level: 1, name: m.Security.confirmTitle })).toBeVisible();
}

export async function confirmWithPassword(page: Page, m: Messages, person: Person) {
  await expectConfirmScreen(page, m);
  await page.getByLabel(m.Security.identifier).fill(person.userName);
  await page.getByLabel(m.Security.password).fill(person.password);
  await page.getByRole("button", { name: m.Security.confirm, exact: true }).click();
}

export async function confirmWithCode(page: Page, m: Messages, app: Authenticator) {
  await expect(page.getByText(m.Security.confirmFactor)).toBeVisible();
  await page.getByLabel(m.Mfa.codeLabel).fill(await app.next());
  await page.getByRole("button", { name: m.Security.confirm, exact: true }).click();
}

export async function expectSecurityScreen(page: Page, m: Messages) {
  await expect(page.getByRole("heading", { level: 1, name: m.Security.title })).toBeVisible();
}

export async function expectNotice(page: Page, m: Messages, notice: keyof Messages["Security"]["notices"]) {
  await expect(page.getByRole("status").filter({ hasText: m.Security.notices[notice] })).toBeVisible();
}

/** Adds an authenticator app; returns it and the recovery codes shown (none when it is not the first factor). */
export async function addAuthenticatorApp(page: Page, m: Messages, options: { expectCodes: boolean }) {
  await page.getByRole("link", { name: m.Security.addApp }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.Security.enrolTitle })).toBeVisible();
  await expect(page.getByRole("img", { name: m.Security.qrAlt })).toBeVisible();
  const app = await setUpAuthenticatorApp(page, m.Security.enrolCode, m.Security.enrolSubmit);
  const codes = options.expectCodes ? await readRecoveryCodes(page, m) : [];
  if (options.expectCodes) await page.getByRole("link", { name: m.Security.back }).first().click();
  await expectNotice(page, m, "added");
  return { app, codes };
}

export async function addPasskey(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Passkeys.add }).click();
}

export function factorItem(page: Page, name: string) {
  return page.getByRole("listitem").filter({ has: page.getByText(name, { exact: true }) });
}
