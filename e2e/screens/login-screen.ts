import { expect, type Page } from "@playwright/test";
import { text, type Messages } from "../support/messages";

export async function expectLoginScreen(page: Page, m: Messages) {
  await expect(page).toHaveURL(/\/login\?login_challenge=/);
  await expect(page.getByRole("heading", { level: 1, name: m.Login.title })).toBeVisible();
}

/** Signs in the way most people do: typing the password and pressing Enter (`submit: "button"`
 * presses the sign-in button instead). */
export async function signIn(
  page: Page,
  m: Messages,
  credentials: { identifier: string; password: string; remember?: boolean; submit?: "enter" | "button" },
) {
  await expectLoginScreen(page, m);
  await page.getByLabel(m.Login.identifier).fill(credentials.identifier);
  await page.getByLabel(m.Login.password).fill(credentials.password);
  if (credentials.remember) await page.getByLabel(m.Login.remember).check();
  if (credentials.submit === "button") await page.getByRole("button", { name: m.Login.submit, exact: true }).click();
  else await page.getByLabel(m.Login.password).press("Enter");
}

export async function expectInvalidCredentials(page: Page, m: Messages, identifier: string) {
  // Next.js adds its own (empty) route-announcer alert, so find ours by its text.
  await expect(page.getByRole("alert").filter({ hasText: m.Login.errors.invalidCredentials })).toBeVisible();
  await expect(page.getByLabel(m.Login.identifier)).toHaveValue(identifier);
  await expect(page.getByLabel(m.Login.password)).toHaveValue("");
}

export const loginSubtitle = (m: Messages, client: string) => text(m.Login.subtitle, { client });
