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

// The password rules under a new-password field (components/PasswordRules.tsx) and the errors the
// registration and new-password forms tie to their fields.

export type PasswordRuleName = "length" | "notEmail" | "notUserName" | "notCommon";

/** One rule in the list, found by its text as a person reads it. */
export function passwordRule(page: Page, m: Messages, rule: PasswordRuleName) {
  return page.getByRole("listitem").filter({ hasText: m.Password.rules[rule] });
}

/** A rule reads as met or not met to a screen reader (and shows a tick when met); "idle" before
 * anything is typed: the rule alone. */
export async function expectRule(page: Page, m: Messages, rule: PasswordRuleName, state: "met" | "notMet" | "idle") {
  const item = passwordRule(page, m, rule);
  const label = m.Password.rules[rule];
  const tick = state === "met" ? "✓" : "";
  await expect(item).toHaveText(state === "idle" ? label : `${tick}${label}${m.Password.rules[state]}`);
}

/** What the polite live region last said about the rules. */
export async function expectRulesAnnounced(page: Page, m: Messages, rule: PasswordRuleName, met: boolean) {
  const said = text(met ? m.Password.rules.nowMet : m.Password.rules.noLongerMet, { rule: m.Password.rules[rule] });
  await expect(page.locator("[aria-live=polite]").filter({ hasText: said })).toHaveCount(1);
}

/** The field is marked invalid and its error is part of its description (what a screen reader
 * says on reaching it), shown next to it. */
export async function expectFieldError(page: Page, label: string, message: string) {
  const field = page.getByLabel(label, { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(new RegExp(escape(message)));
  // The text that describes the field is on screen too (not only in the summary at the top).
  const described = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
  await expect(page.locator(described.map((id) => `[id="${id}"]`).join(", ")).filter({ hasText: message })).toBeVisible();
}

export async function expectNoFieldError(page: Page, label: string) {
  const field = page.getByLabel(label, { exact: true });
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Types as a person does, key by key (the rules follow each key). */
export async function typeInto(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).pressSequentially(value);
}

/** Records the page's POST requests (a form sent to the server is one). */
export function watchPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  return posts;
}
