import crypto from "node:crypto";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { linkIn, receiveMail } from "./support/mailbox";
import { messages, serviceName } from "./support/messages";
import { uniqueName } from "./support/admin";
import { expectSignedIn, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import {
  confirmEmail,
  expectCheckYourMail,
  expectFieldError,
  expectFormError,
  expectLinkProblem,
  expectNoFieldError,
  expectRule,
  expectRulesAnnounced,
  openRegistrationFromLogin,
  register,
  typeInto,
  watchPosts,
} from "./screens/account-screens";
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

// Live feedback (components/RegisterForm.tsx, components/useCheckedSubmit.ts): with JavaScript the
// form runs the server's own schema (lib/register/schema.ts) before sending, shows each problem
// at its field and sends nothing; the rules under the password tick as the person types. Without
// JavaScript the server's answer shows the same errors at the same fields.

test.describe("with JavaScript, in English", () => {
  test.use({ locale: "en-US" });

  test("the password rules tick as one types, and a short password is refused at its field before anything is sent", async ({ page }) => {
    const m = messages.en;
    const person = newPerson();
    await page.goto("/register");
    const posts = watchPosts(page);
    await page.getByLabel(m.Register.email).fill(person.email);
    for (const rule of ["length", "notEmail", "notCommon"] as const) await expectRule(page, m, rule, "idle");

    await typeInto(page, m.Password.label, "door");
    await expectRule(page, m, "length", "notMet");
    await expectRule(page, m, "notEmail", "met");
    await page.getByLabel(m.Register.givenName).fill(person.givenName);
    await page.getByLabel(m.Register.familyName).fill(person.familyName);
    await page.getByLabel(m.Register.familyName).press("Enter");
    await expectFieldError(page, m.Password.label, m.Password.errors.tooShort);
    await expect(page.getByLabel(m.Password.label)).toBeFocused();
    await expectNoFieldError(page, m.Register.email);
    await expectAccessible(page);
    expect(posts).toEqual([]);

    // Four more characters meet the rule: the tick, one polite announcement, the error gone.
    await typeInto(page, m.Password.label, " key");
    await expectRule(page, m, "length", "met");
    await expectRulesAnnounced(page, m, "length", true);
    await expectNoFieldError(page, m.Password.label);

    // The own address is refused at the password field; the rule says so as it is typed.
    await page.getByLabel(m.Password.label).fill("");
    await typeInto(page, m.Password.label, person.email);
    await expectRule(page, m, "notEmail", "notMet");
    await expectRulesAnnounced(page, m, "notEmail", false);
    await page.getByLabel(m.Password.label).press("Enter");
    await expectFieldError(page, m.Password.label, m.Password.errors.containsIdentifier);
    expect(posts).toEqual([]);

    // A password that passes here is sent, to the server action, as without JavaScript.
    await page.getByLabel(m.Password.label).fill(person.password);
    await page.getByLabel(m.Password.label).press("Enter");
    await expectCheckYourMail(page, m, person.email);
    expect(posts).toHaveLength(1);
  });

  test("an empty form is not sent: every field says what it needs and the first one has focus", async ({ page }) => {
    const m = messages.en;
    await page.goto("/register");
    const posts = watchPosts(page);
    await page.getByRole("button", { name: m.Register.submit }).click();
    await expectFieldError(page, m.Register.email, m.Register.errors.emailRequired);
    await expectFieldError(page, m.Password.label, m.Password.errors.required);
    await expectFieldError(page, m.Register.givenName, m.Register.errors.givenNameRequired);
    await expectFieldError(page, m.Register.familyName, m.Register.errors.familyNameRequired);
    await expect(page.getByLabel(m.Register.email)).toBeFocused();
    // Corrected as it is typed, after the first attempt.
    await typeInto(page, m.Register.email, "hanako@");
    await expectFieldError(page, m.Register.email, m.Register.errors.emailInvalid);
    await typeInto(page, m.Register.email, "example.com");
    await expectNoFieldError(page, m.Register.email);
    expect(posts).toEqual([]);
  });

  test("the server stays the authority: a common password, which only it knows, is refused at the field", async ({ page }) => {
    const m = messages.en;
    const person = { ...newPerson(), password: "password123" };
    await page.goto("/register");
    const posts = watchPosts(page);
    await register(page, m, person);
    await expectFormError(page, m.Password.errors.common);
    await expectFieldError(page, m.Password.label, m.Password.errors.common);
    expect(posts).toHaveLength(1);
    // Typing again and sending a too-short password: the browser's answer replaces the server's.
    await typeInto(page, m.Password.label, "short");
    await page.getByLabel(m.Password.label).press("Enter");
    await expectFieldError(page, m.Password.label, m.Password.errors.tooShort);
    await expect(page.getByRole("alert").filter({ hasText: m.Password.errors.common })).toHaveCount(0);
    expect(posts).toHaveLength(1);
  });
});

for (const locale of ["ja", "en", "ar"] as const) {
  test(`the errors at the fields, the browser's and the server's, are accessible (${locale})`, async ({ browser }) => {
    const m = messages[locale];
    const context = await browser.newContext({ locale: locale === "ja" ? "ja-JP" : locale === "en" ? "en-US" : "ar" });
    const page = await context.newPage();
    const posts = watchPosts(page);
    await page.goto("/register");
    await register(page, m, { ...newPerson(), password: "short" });
    await expectFieldError(page, m.Password.label, m.Password.errors.tooShort);
    expect(posts).toEqual([]);
    await expectAccessible(page);
    // The server's answer: the summary at the top, and the same error at the field.
    await register(page, m, { ...newPerson(), password: "password123" });
    await expectFormError(page, m.Password.errors.common);
    await expectFieldError(page, m.Password.label, m.Password.errors.common);
    expect(posts).toHaveLength(1);
    await expectAccessible(page);
    await context.close();
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, locale: "en-US" });

  test("the rules are a plain list, and the server's first problem shows at its field", async ({ page }) => {
    const m = messages.en;
    const person = newPerson();
    await page.goto("/register");
    await expectRule(page, m, "length", "idle");
    // The browser's own check lets an address without a dot in its domain through; the server does not.
    await register(page, m, { ...person, email: "hanako@example" });
    await expectFormError(page, m.Register.errors.emailInvalid);
    await expectFieldError(page, m.Register.email, m.Register.errors.emailInvalid);
    await expect(page.getByLabel(m.Register.email)).toHaveValue("hanako@example");
    await register(page, m, { ...person, password: "short" });
    await expectFormError(page, m.Password.errors.tooShort);
    await expectFieldError(page, m.Password.label, m.Password.errors.tooShort);
    await register(page, m, person);
    await expectCheckYourMail(page, m, person.email);
  });
});
