import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { createPerson, type Person } from "./support/admin";
import { linkIn, mailCount, receiveMail } from "./support/mailbox";
import { isolated, messages, text, type Messages } from "./support/messages";
import { expectSignedIn, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import {
  chooseNewPassword,
  expectFieldError,
  expectFormError,
  expectLinkProblem,
  expectNoFieldError,
  expectRule,
  expectRulesAnnounced,
  openRecoveryFromLogin,
  requestReset,
  typeInto,
  watchPosts,
} from "./screens/account-screens";
import { expectInvalidCredentials, expectLoginScreen, signIn } from "./screens/login-screen";

for (const locale of ["ja", "en"] as const) {
  test(`a person resets a forgotten password by mail and old sessions end (${locale})`, async ({ browser, client, person }) => {
    const m = messages[locale];
    // A session kept on another device, to be ended by the reset.
    const other = await browser.newContext({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    const otherPage = await other.newPage();
    await startSignIn(otherPage, client);
    await signIn(otherPage, m, { identifier: person.userName, password: person.password, remember: true });
    await allow(otherPage, m);
    await expectSignedIn(otherPage, client);

    const context = await browser.newContext({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    const page = await context.newPage();
    await startSignIn(page, client);
    await openRecoveryFromLogin(page, m);
    await expectAccessible(page);
    await requestReset(page, m, person.email);
    await expectAccessible(page);

    const link = linkIn(await receiveMail(person.email), "/recover/reset");
    await page.goto(link);
    await expectAccessible(page);
    await expect(page.getByText(text(m.Recover.resetBody, { account: isolated(person.userName) }))).toBeVisible();
    await chooseNewPassword(page, m, "password");
    await expectFormError(page, m.Password.errors.common);
    const newPassword = `${person.password}-renewed at home`;
    await chooseNewPassword(page, m, newPassword);

    await expectLoginScreen(page, m);
    await expect(page.getByRole("status").filter({ hasText: m.Login.notices.reset })).toBeVisible();
    await signIn(page, m, { identifier: person.userName, password: person.password });
    await expectInvalidCredentials(page, m, person.userName);
    await signIn(page, m, { identifier: person.userName, password: newPassword });
    // Consent was remembered from the other device: no consent screen this time.
    await expectSignedIn(page, client);

    // The other device's remembered session is gone: it is asked for the password again.
    await otherPage.context().clearCookies({ name: /^demo_app_session_/ });
    await startSignIn(otherPage, client);
    await expectLoginScreen(otherPage, m);

    await page.goto(link);
    await expectLinkProblem(page, m, "used");
    await other.close();
    await context.close();
  });
}

test("asking to reset an unknown address looks the same and sends nothing", async ({ page }) => {
  const m = messages.ja;
  await page.goto("/recover");
  await requestReset(page, m, "nobody-here@example.com");
  await expect(page.getByText(text(m.Recover.sentBody, { email: isolated("nobody-here@example.com") }))).toBeVisible();
});

test.describe("in Arabic", () => {
  test.use({ locale: "ar" });

  test("the address set into the right-to-left sentence keeps its own order", async ({ page }) => {
    const m = messages.ar;
    await page.goto("/recover");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await requestReset(page, m, "nobody-here@example.com");
    // Isolated, the address is laid out on its own and is not reordered with the Arabic around it.
    await expect(page.getByRole("status")).toContainText("\u2068nobody-here@example.com\u2069");
    await expect(page.getByText(text(m.Recover.sentBody, { email: isolated("nobody-here@example.com") }))).toBeVisible();
  });
});

test("asking again and again sends at most three mails an hour to one address, and the answer never changes", async ({ page, person }) => {
  const m = messages.ja;
  for (let i = 0; i < 5; i++) {
    await page.goto("/recover");
    await requestReset(page, m, person.email);
  }
  // A mail to someone else, asked for last, arrives after the others were sent or dropped.
  const witness = await createPerson();
  await page.goto("/recover");
  await requestReset(page, m, witness.email);
  await receiveMail(witness.email);
  await receiveMail(person.email, 3);
  await expect.poll(() => mailCount(person.email), { timeout: 3000, intervals: [500] }).toBe(3);
  await page.waitForTimeout(1000);
  expect(mailCount(person.email)).toBe(3);
});

/** The person asks for a reset link and opens it. */
async function openResetLink(page: Page, m: Messages, person: Person) {
  await page.goto("/recover");
  await requestReset(page, m, person.email);
  await page.goto(linkIn(await receiveMail(person.email), "/recover/reset"));
  await expect(page.getByRole("heading", { level: 1, name: m.Recover.resetTitle })).toBeVisible();
}

// The new password is checked in the browser with the server's schema (lib/recover/schema.ts)
// before it is sent; the server still checks everything, the list of common passwords included.

test.describe("with JavaScript, in English", () => {
  test.use({ locale: "en-US" });

  test("the new password's rules tick as one types, and a short or own-name password is refused before anything is sent", async ({ page, person }) => {
    const m = messages.en;
    await openResetLink(page, m, person);
    const posts = watchPosts(page);
    await expectRule(page, m, "notUserName", "idle");
    await typeInto(page, m.Password.newLabel, "seven77");
    await expectRule(page, m, "length", "notMet");
    await page.getByLabel(m.Password.newLabel).press("Enter");
    await expectFieldError(page, m.Password.newLabel, m.Password.errors.tooShort);
    await expect(page.getByLabel(m.Password.newLabel)).toBeFocused();
    await expectAccessible(page);
    expect(posts).toEqual([]);

    await typeInto(page, m.Password.newLabel, "7");
    await expectRule(page, m, "length", "met");
    await expectRulesAnnounced(page, m, "length", true);
    await expectNoFieldError(page, m.Password.newLabel);

    await page.getByLabel(m.Password.newLabel).fill(person.userName.toUpperCase());
    await expectRule(page, m, "notUserName", "notMet");
    await page.getByLabel(m.Password.newLabel).press("Enter");
    await expectFieldError(page, m.Password.newLabel, m.Password.errors.containsIdentifier);
    expect(posts).toEqual([]);

    // Only the server knows the common passwords: it refuses this one, at the field.
    await chooseNewPassword(page, m, "password");
    await expectFormError(page, m.Password.errors.common);
    await expectFieldError(page, m.Password.newLabel, m.Password.errors.common);
    expect(posts).toHaveLength(1);
    await chooseNewPassword(page, m, `${person.password} renewed at home`);
    await expect(page.getByRole("heading", { level: 1, name: m.Recover.doneTitle })).toBeVisible();
    expect(posts).toHaveLength(2);
  });
});

for (const locale of ["ja", "en", "ar"] as const) {
  test(`the new password's errors at its field, the browser's and the server's, are accessible (${locale})`, async ({ browser, person }) => {
    const m = messages[locale];
    const context = await browser.newContext({ locale: locale === "ja" ? "ja-JP" : locale === "en" ? "en-US" : "ar" });
    const page = await context.newPage();
    await openResetLink(page, m, person);
    const posts = watchPosts(page);
    await chooseNewPassword(page, m, "short");
    await expectFieldError(page, m.Password.newLabel, m.Password.errors.tooShort);
    expect(posts).toEqual([]);
    await expectAccessible(page);
    await chooseNewPassword(page, m, "password");
    await expectFormError(page, m.Password.errors.common);
    await expectFieldError(page, m.Password.newLabel, m.Password.errors.common);
    expect(posts).toHaveLength(1);
    await expectAccessible(page);
    await context.close();
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, locale: "en-US" });

  test("the server's answer shows at the new password's field", async ({ page, person }) => {
    const m = messages.en;
    await openResetLink(page, m, person);
    await expectRule(page, m, "length", "idle");
    await chooseNewPassword(page, m, "short");
    await expectFormError(page, m.Password.errors.tooShort);
    await expectFieldError(page, m.Password.newLabel, m.Password.errors.tooShort);
  });
});
