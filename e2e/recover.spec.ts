import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { createPerson } from "./support/admin";
import { linkIn, mailCount, receiveMail } from "./support/mailbox";
import { isolated, messages, text } from "./support/messages";
import { expectSignedIn, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import { chooseNewPassword, expectFormError, expectLinkProblem, openRecoveryFromLogin, requestReset } from "./screens/account-screens";
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
