import { expect, type Page } from "@playwright/test";
import { Authenticator } from "../support/authenticator";
import type { Messages } from "../support/messages";

// /login/mfa: the second factor during sign-in, or setting one up when the person has none.

export async function expectStepUpScreen(page: Page, m: Messages) {
  await expect(page).toHaveURL(/\/login\/mfa\?login_challenge=/);
  await expect(page.getByRole("heading", { level: 1, name: m.Mfa.title })).toBeVisible();
  // The first factor is not asked again.
  await expect(page.getByLabel(m.Login.password)).toHaveCount(0);
}

export async function expectReason(page: Page, m: Messages, reason: keyof Messages["Mfa"]["reasons"]) {
  await expect(page.getByText(m.Mfa.reasons[reason], { exact: true })).toBeVisible();
}

/** Types a code the way people paste it from an app, with a space in the middle. */
export async function enterAppCode(page: Page, m: Messages, code: string) {
  await page.getByLabel(m.Mfa.codeLabel).fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.getByLabel(m.Mfa.codeLabel).press("Enter");
}

export async function enterRecoveryCode(page: Page, m: Messages, code: string) {
  await page.getByRole("link", { name: m.Mfa.useRecovery }).click();
  await page.getByLabel(m.Mfa.recoveryLabel).fill(code);
  await page.getByLabel(m.Mfa.recoveryLabel).press("Enter");
}

export async function expectCodeError(page: Page, m: Messages, error: "wrongCode" | "locked" | "internal") {
  // The form is reset when its action has answered: only then is the message this attempt's.
  await expect(page.locator('input[name="code"]')).toHaveValue("");
  await expect(page.getByRole("alert").filter({ hasText: m.Mfa.errors[error] })).toBeVisible();
}

export async function usePasskey(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Passkeys.use }).click();
}

/** Reads the key shown on an enrolment screen and confirms it with the first code (Enter in the
 * code field, or the button named `submit`). */
export async function setUpAuthenticatorApp(page: Page, codeLabel: string, submit?: string): Promise<Authenticator> {
  const key = await page.getByTestId("totp-key").textContent();
  const app = Authenticator.fromText(key ?? "");
  await page.getByLabel(codeLabel).fill(await app.next());
  if (submit) await page.getByRole("button", { name: submit, exact: true }).click();
  else await page.getByLabel(codeLabel).press("Enter");
  return app;
}

export async function readRecoveryCodes(page: Page, m: Messages): Promise<string[]> {
  const list = page.getByRole("list", { name: m.RecoveryCodes.listLabel });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  return list.getByRole("listitem").allTextContents();
}

export async function continueAfterCodes(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Mfa.continue }).click();
}
