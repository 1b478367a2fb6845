import crypto from "node:crypto";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { linkIn, receiveMail } from "./support/mailbox";
import { messages, serviceName } from "./support/messages";
import { uniqueName } from "./support/admin";
import { expectSignedIn, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import { confirmEmail, expectCheckYourMail, expectFormError, expectLinkProblem, openRegistrationFromLogin, register } from "./screens/account-screens";
import { expectLoginScreen, signIn } from "./screens/login-screen";

const newPerson = () => ({
  email: `${uniqueName("new")}@example.com`,
  password: `my door ${crypto.randomBytes(4).toString("hex")} opens`,
  givenName: "Hanako",
  familyName: "Yamada",
});

for (const locale of ["ja", "en"] as const) {
  test(`a customer registers, confirms by mail and signs in to the app (${locale})`, async ({ browser, client }) => {
    const context = await browser.newContext({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    const page = await context.newPage();
    const m = messages[locale];
    const person = newPerson();

    await startSignIn(page, client);
    await expectLoginScreen(page, m);
    await openRegistrationFromLogin(page, m);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expectAccessible(page);
    await register(page, m, person);
    await expectCheckYourMail(page, m, person.email);
    await expectAccessible(page);

    const mail = await receiveMail(person.email);
    expect(mail.subject).toBe(m.Mail.verifySubject.replace("{service}", serviceName(m)));
    await page.goto(linkIn(mail, "/register/verify"));
    await expectAccessible(page);
    await confirmEmail(page, m, person.email);

    // Back in the sign-in the app started, with a notice; the password is still needed.
    await expectLoginScreen(page, m);
    await expect(page.getByRole("status").filter({ hasText: m.Login.notices.registered })).toBeVisible();
    await signIn(page, m, { identifier: person.email, password: person.password });
    await allow(page, m);
    const claims = await expectSignedIn(page, client);
    expect(claims).toMatchObject({ email: person.email, email_verified: true, given_name: "Hanako", family_name: "Yamada" });
    await context.close();
  });
}

test("a verification link works once", async ({ page }) => {
  const m = messages.ja;
  const person = newPerson();
  await page.goto("/register");
  await register(page, m, person);
  await expectCheckYourMail(page, m, person.email);
  const link = linkIn(await receiveMail(person.email), "/register/verify");
  await page.goto(link);
  await confirmEmail(page, m, person.email);
  await expect(page.getByRole("heading", { level: 1, name: m.Verify.doneTitle })).toBeVisible();
  await page.goto(link);
  await expectLinkProblem(page, m, "used");
  await page.goto("/register/verify?token=not-a-real-token");
  await expectLinkProblem(page, m, "invalid");
  await expectAccessible(page);
});

test.describe("in English", () => {
  test.use({ locale: "en-US" });
  test("registration refuses a common password and keeps what was typed", async ({ page }) => {
    const m = messages.en;
    const person = { ...newPerson(), password: "password123" };
    await page.goto("/register");
    await register(page, m, person);
    await expectFormError(page, m.Password.errors.common);
    await expect(page.getByLabel(m.Register.email)).toHaveValue(person.email);
    await expect(page.getByLabel(m.Password.label)).toHaveValue("");
    await expectAccessible(page);
  });
});

test("registering an address that has an account reveals nothing on screen and mails its owner", async ({ page, person }) => {
  const m = messages.ja;
  await page.goto("/register");
  await register(page, m, { ...newPerson(), email: person.email });
  await expectCheckYourMail(page, m, person.email);
  const mail = await receiveMail(person.email);
  expect(mail.subject).toBe(m.Mail.existingSubject.replace("{service}", serviceName(m)));
  expect(mail.text).toContain("/recover");
});
