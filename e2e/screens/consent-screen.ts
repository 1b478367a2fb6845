import { expect, type Page } from "@playwright/test";
import { text, type Messages } from "../support/messages";

export async function expectConsentScreen(page: Page, m: Messages, clientName: string) {
  await expect(page).toHaveURL(/\/consent\?consent_challenge=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text(m.Consent.title, { client: clientName }));
}

export async function expectScopes(page: Page, m: Messages, scopes: (keyof Messages["Scopes"])[]) {
  for (const scope of scopes) await expect(page.getByText(m.Scopes[scope].title, { exact: true })).toBeVisible();
}

export async function allow(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Consent.allow, exact: true }).click();
}

export async function deny(page: Page, m: Messages) {
  await page.getByRole("button", { name: m.Consent.deny, exact: true }).click();
}
