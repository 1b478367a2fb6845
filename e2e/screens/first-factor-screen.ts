import { expect, type Page } from "@playwright/test";
import { codeIn, mailCount, receiveMail } from "../support/mailbox";
import type { Messages } from "../support/messages";

// Before a first second factor, during sign-in and on the security page alike: a code mailed to
// the account's confirmed address, typed here (lib/factors/first-factor.ts).

/** The step shown: "ask" (send the code), "code" (type it) or "noAddress" (no way on). */
export async function expectAddressStep(page: Page, m: Messages, step: "ask" | "code" | "noAddress") {
  const title = step === "noAddress" ? m.FirstFactor.noAddressTitle : m.FirstFactor.title;
  await expect(page.getByRole("heading", { level: 3, name: title })).toBeVisible();
  if (step === "ask") await expect(page.getByRole("button", { name: m.FirstFactor.send })).toBeVisible();
  if (step === "code") await expect(page.getByLabel(m.FirstFactor.codeLabel)).toBeVisible();
  // Nothing to set up yet: no key, no QR code, no passkey button, no link to add an app.
  await expect(page.getByTestId("totp-key")).toHaveCount(0);
  await expect(page.getByRole("button", { name: m.Passkeys.add })).toHaveCount(0);
  await expect(page.getByRole("link", { name: m.Security.addApp })).toHaveCount(0);
}

/** Asks for the code and returns it as mailed to `email`. */
export async function requestCode(page: Page, m: Messages, email: string): Promise<string> {
  await expectAddressStep(page, m, "ask");
  const before = mailCount(email);
  await page.getByRole("button", { name: m.FirstFactor.send }).click();
  await expectAddressStep(page, m, "code");
  return codeIn(await receiveMail(email, before + 1));
}

/** Types the code and presses Enter, as people do. */
export async function enterMailedCode(page: Page, m: Messages, code: string) {
  await page.getByLabel(m.FirstFactor.codeLabel).fill(code);
  await page.getByLabel(m.FirstFactor.codeLabel).press("Enter");
}

export async function expectMailedCodeError(page: Page, m: Messages, error: keyof Messages["FirstFactor"]["errors"]) {
  // The form is reset when its action has answered: only then is the message this attempt's.
  await expect(page.getByLabel(m.FirstFactor.codeLabel)).toHaveValue("");
  await expect(page.getByRole("alert").filter({ hasText: m.FirstFactor.errors[error] })).toBeVisible();
}

/** Proves the person reads `email`: the code is asked for, read from the mail and typed. */
export async function proveAddress(page: Page, m: Messages, email: string) {
  await enterMailedCode(page, m, await requestCode(page, m, email));
  await expect(page.getByRole("heading", { level: 3, name: m.FirstFactor.title })).toHaveCount(0);
}
