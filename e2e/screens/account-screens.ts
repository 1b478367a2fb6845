import { expect, type Page } from "@playwright/test";
import { isolated, text, type Messages } from "../support/messages";

// Registration, email verification, recovery and reset screens.

export async function openRegistrationFromLogin(page: Page, m: Messages) {
  await page.getByRole("link", { name: m.Login.register }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.Register.title })).toBeVisible();
}

export async function register(page: Page, m: Messages, person: { email: string; password: string; givenName: string; familyName: string }) {
  await page.getByLabel(m.Register.email).fill(person.email);
  await page.getByLabel(m.Password.label).fill(person.password);
  await page.getByLabel(m.Register.givenName).fill(person.givenName);
  await page.getByLabel(m.Register.familyName).fill(person.familyName);
  await page.getByRole("button", { name: m.Register.submit }).click();
}

export async function expectCheckYourMail(page: Page, m: Messages, email: string) {
  await expect(page.getByRole("heading", { level: 1, name: m.Register.sentTitle })).toBeVisible();
  await expect(page.getByText(text(m.Register.sentBody, { email: isolated(email) }))).toBeVisible();
}

export async function confirmEmail(page: Page, m: Messages, email: string) {
  await expect(page.getByRole("heading", { level: 1, name: m.Verify.title })).toBeVisible();
  await expect(page.getByText(text(m.Verify.body, { email: isolated(email) }))).toBeVisible();
  await page.getByRole("button", { name: m.Verify.submit }).click();
}

export async function expectFormError(page: Page, message: string) {
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
}

export async function expectLinkProblem(page: Page, m: Messages, reason: "invalid" | "expired" | "used") {
  await expect(page.getByRole("heading", { level: 1, name: m.MailLink[reason].title })).toBeVisible();
}

export async function openRecoveryFromLogin(page: Page, m: Messages) {
  await page.getByRole("link", { name: m.Login.forgotPassword }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.Recover.title })).toBeVisible();
}

export async function requestReset(page: Page, m: Messages, email: string) {
  await page.getByLabel(m.Recover.email).fill(email);
  await page.getByLabel(m.Recover.email).press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: m.Recover.sentTitle })).toBeVisible();
}

export async function chooseNewPassword(page: Page, m: Messages, password: string) {
  await expect(page.getByRole("heading", { level: 1, name: m.Recover.resetTitle })).toBeVisible();
  await page.getByLabel(m.Password.newLabel).fill(password);
  await page.getByLabel(m.Password.newLabel).press("Enter");
}
