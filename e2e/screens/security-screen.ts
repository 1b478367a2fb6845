import { expect, type Page } from "@playwright/test";
import type { Person } from "../support/admin";
import type { Authenticator } from "../support/authenticator";
import type { Messages } from "../support/messages";
import { proveAddress } from "./first-factor-screen";
import { signIn } from "./login-screen";
import { readRecoveryCodes, setUpAuthenticatorApp } from "./mfa-screen";

// The second factors on /account/security: confirm it's you, then manage authenticator apps,
// passkeys and recovery codes.

/** Opens the security page, signing in to the account area first when needed. */
export async function openSecurity(page: Page, m: Messages, person?: Person) {
  await page.goto("/account/security");
  if (person && /\/login\?login_challenge=/.test(page.url())) {
    await signIn(page, m, { identifier: person.userName, password: person.password });
  }
  await expect(page.getByRole("heading", { level: 1, name: m.Activity.title })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: m.Security.title })).toBeVisible();
}

export async function expectConfirmStep(page: Page, m: Messages, step: "password" | "factor") {
  await expect(page.getByRole("heading", { level: 3, name: m.Security.confirmTitle })).toBeVisible();
  await expect(page.getByText(step === "password" ? m.Security.confirmIntro : m.Security.confirmFactor, { exact: true })).toBeVisible();
}

export async function confirmWithCode(page: Page, m: Messages, app: Authenticator) {
  await expectConfirmStep(page, m, "factor");
  await page.getByLabel(m.Mfa.codeLabel).fill(await app.next());
  await page.getByLabel(m.Mfa.codeLabel).press("Enter");
}

/** The factors can be managed (a fresh enough confirmation): an app can be added, or, for an
 * account without a factor, the mailed code that comes first can be asked for. */
export async function expectManaging(page: Page, m: Messages) {
  await expect(page.getByRole("link", { name: m.Security.addApp }).or(page.getByRole("heading", { level: 3, name: m.FirstFactor.title }))).toBeVisible();
}

export async function expectNotice(page: Page, m: Messages, notice: keyof Messages["Security"]["notices"]) {
  await expect(page.getByRole("status").filter({ hasText: m.Security.notices[notice] })).toBeVisible();
}

/** Adds an authenticator app; returns it and the recovery codes shown (none when it is not the first factor). */
export async function addAuthenticatorApp(page: Page, m: Messages, options: { expectCodes: boolean }) {
  await page.getByRole("link", { name: m.Security.addApp }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.Security.enrolTitle })).toBeVisible();
  await expect(page.getByRole("img", { name: m.Security.qrAlt })).toBeVisible();
  const app = await setUpAuthenticatorApp(page, m.Security.enrolCode);
  const codes = options.expectCodes ? await readRecoveryCodes(page, m) : [];
  if (options.expectCodes) await page.getByRole("link", { name: m.Security.back }).first().click();
  await expectNotice(page, m, "added");
  return { app, codes };
}

/** The person's first factor: the code mailed to their address first, then the app. */
export async function addFirstAuthenticatorApp(page: Page, m: Messages, person: Person) {
  await proveAddress(page, m, person.email);
  return addAuthenticatorApp(page, m, { expectCodes: true });
}

export async function addPasskey(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Passkeys.add }).click();
}

/** The person's first factor: the code mailed to their address first, then the passkey. */
export async function addFirstPasskey(page: Page, m: Messages, person: Person) {
  await proveAddress(page, m, person.email);
  await addPasskey(page, m);
}

export function factorItem(page: Page, name: string) {
  return page.getByRole("listitem").filter({ has: page.getByText(name, { exact: true }) });
}
