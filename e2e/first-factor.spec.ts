import type { Browser, Page, Request } from "@playwright/test";
import { createPerson, type Person } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { UI_URL } from "./support/env";
import { expect, test, type TestClient } from "./support/fixtures";
import { codeIn, mailCount, receiveMail } from "./support/mailbox";
import { messages, serviceName, text, type Messages } from "./support/messages";
import { activityRow } from "./screens/account-screen";
import { expectSignedIn, expectSignInFailed, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import { enterMailedCode, expectAddressStep, expectMailedCodeError, proveAddress, requestCode } from "./screens/first-factor-screen";
import { signIn } from "./screens/login-screen";
import { continueAfterCodes, expectStepUpScreen, readRecoveryCodes, setUpAuthenticatorApp } from "./screens/mfa-screen";
import { addAuthenticatorApp, expectManaging, openSecurity } from "./screens/security-screen";

// Issue 16, "a stolen password yields level 3": an account without a second factor could add one
// during sign-in (or on the security page) after the password alone, reach level 3 with it at once
// and keep the attacker's authenticator on the account. Now a first factor needs the code mailed
// to the account's confirmed address first; the factor added is in the activity and announced by
// mail. Without the defence, the attacker tests fail: the enrolment is shown (or its actions
// answer) after the password alone, and a burst of guesses gets through.

const LOA3 = "urn:tobira:loa:3";
/** The app needs level 3 and says so as essential: a sign-in below it fails, never passes. */
const level3 = { claims: JSON.stringify({ id_token: { acr: { essential: true, values: [LOA3] } } }) };
const browserLocale = { ja: "ja-JP", en: "en-US", ar: "ar" } as const;

async function signInToApp(page: Page, m: Messages, client: TestClient, person: Person) {
  await startSignIn(page, client, level3);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expectStepUpScreen(page, m);
}

/** Eight digits that are not `code`. */
const otherThan = (code: string, step = 1) => String((Number(code) + step) % 1e8).padStart(8, "0");

/** Waits for the next server action the page calls (a passkey button's options). */
const nextActionCall = (page: Page) => page.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined);

/** Calls that server action again from `page`'s browser, with `body`, as an attacker can. */
async function replay(page: Page, call: Request, body: string): Promise<string> {
  const headers = call.headers();
  const response = await page.request.post(page.url(), {
    headers: { "next-action": headers["next-action"] ?? "", "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8", accept: "text/x-component", origin: UI_URL },
    data: body,
  });
  expect(response.status()).toBeLessThan(500);
  return response.text();
}

async function newPage(browser: Browser, locale: keyof typeof browserLocale = "en"): Promise<Page> {
  return (await browser.newContext({ locale: browserLocale[locale] })).newPage();
}

test.describe("a stolen password", () => {
  test.use({ locale: "en-US" });
  const m = messages.en;

  test("does not set up a second factor while signing in, nor reach level 3, without the mailed code", async ({ browser, page, client, person }) => {
    // The attacker has the person's password, not their mailbox.
    await signInToApp(page, m, client, person);
    await expectAddressStep(page, m, "ask");
    // Only enough of the address for its owner to recognise it.
    await expect(page.getByText(/•••@example\.com/)).toBeVisible();
    await expect(page.getByText(person.email)).toHaveCount(0);
    // Asking for another way changes nothing.
    await page.goto(`${page.url()}&method=recovery`);
    await expectAddressStep(page, m, "ask");

    // The code goes to the person, in a mail that says what it is for and what to do if it was not them.
    const before = mailCount(person.email);
    await page.getByRole("button", { name: m.FirstFactor.send }).click();
    await expectAddressStep(page, m, "code");
    const mail = await receiveMail(person.email, before + 1);
    expect(mail.subject).toBe(text(m.Mail.firstFactorCodeSubject, { service: serviceName(m) }));
    expect(mail.text).toContain(person.userName);
    expect(mail.text).toContain(`${UI_URL}/recover`);

    // Guessing is refused, and the enrolment stays out of reach, also after a reload.
    await enterMailedCode(page, m, otherThan(codeIn(mail)));
    await expectMailedCodeError(page, m, "wrongCode");
    await page.reload();
    await expectAddressStep(page, m, "code");
    await expect(page).toHaveURL(/\/login\/mfa/);

    // The account still has no factor: the person's own sign-in is asked for the code too.
    const owner = await newPage(browser);
    await openSecurity(owner, m, person);
    await expectAddressStep(owner, m, "ask");
    await owner.context().close();
  });

  test("cannot call the enrolment's actions directly with a proof made for another account", async ({ browser, page, client, person }) => {
    // The attacker proves their own address, on their own account, and watches the passkey
    // buttons' server actions: the same actions, called for the victim, must refuse.
    const own = await createPerson();
    await signInToApp(page, m, client, own);
    const ownChallenge = new URL(page.url()).searchParams.get("login_challenge") ?? "";
    await proveAddress(page, m, own.email);
    const signInOptions = nextActionCall(page);
    await page.getByRole("button", { name: m.Passkeys.add }).click();
    const call = await signInOptions;
    const body = call.postData() ?? "";
    expect(body).toContain(ownChallenge);

    // The victim's sign-in, in the same browser, with the victim's password only.
    await signInToApp(page, m, client, person);
    await expectAddressStep(page, m, "ask");
    const victimChallenge = new URL(page.url()).searchParams.get("login_challenge") ?? "";
    const answer = await replay(page, call, body.replaceAll(ownChallenge, victimChallenge));
    expect(answer).toContain('"ok":false');
    expect(answer).not.toContain("pubKeyCredParams");

    // The security page's passkey button, likewise.
    const attacker = await newPage(browser);
    await openSecurity(attacker, m, own);
    await proveAddress(attacker, m, own.email);
    const securityOptions = nextActionCall(attacker);
    await attacker.getByRole("button", { name: m.Passkeys.add }).click();
    const securityCall = await securityOptions;
    await attacker.context().close();

    const asVictim = await newPage(browser);
    await openSecurity(asVictim, m, person);
    await expectAddressStep(asVictim, m, "ask");
    const refused = await replay(asVictim, securityCall, securityCall.postData() ?? "");
    expect(refused).toContain('"ok":false');
    expect(refused).not.toContain("pubKeyCredParams");
    // Nor does the authenticator app's page show a key to the password alone.
    await asVictim.goto("/account/security/authenticator");
    await expect(asVictim).toHaveURL(/\/account\/security$/);
    await expectAddressStep(asVictim, m, "ask");
    await asVictim.context().close();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("gets no more guesses at the mailed code from a burst of parallel ones than one at a time", async ({ page, client, person }) => {
      await signInToApp(page, m, client, person);
      const code = await requestCode(page, m, person.email);
      // The code form as the browser would post it (its hidden fields name the server action).
      const form = page.locator("form").filter({ has: page.getByLabel(m.FirstFactor.codeLabel) });
      const fields: Record<string, string> = {};
      for (const hidden of await form.locator('input[type="hidden"]').all()) {
        const name = await hidden.getAttribute("name");
        if (name) fields[name] = (await hidden.getAttribute("value")) ?? "";
      }
      const guesses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          page.request.post(page.url(), { headers: { origin: UI_URL }, multipart: { ...fields, intent: "verify", code: otherThan(code, i + 1) } }),
        ),
      );
      for (const guess of guesses) expect(guess.status()).toBeLessThan(500);

      // Five wrong codes lock the code for 15 minutes: the right one is refused now too.
      await enterMailedCode(page, m, code);
      await expectMailedCodeError(page, m, "locked");
      await expect(page.getByTestId("totp-key")).toHaveCount(0);
    });
  });
});

for (const locale of ["ja", "en", "ar"] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale: browserLocale[locale] });
    const m = messages[locale];

    test("with the mailed code, a person sets up an app while signing in, reaches level 3, and hears of it", async ({ page, client, person }) => {
      await signInToApp(page, m, client, person);
      await expectAddressStep(page, m, "ask");
      await expectAccessible(page);
      const code = await requestCode(page, m, person.email);
      await expectAccessible(page);
      await enterMailedCode(page, m, code);
      await setUpAuthenticatorApp(page, m.Security.enrolCode);
      await readRecoveryCodes(page, m);
      await continueAfterCodes(page, m);
      await allow(page, m);
      expect(await expectSignedIn(page, client)).toMatchObject({ acr: LOA3, amr: ["pwd", "otp", "mfa"] });

      // Announced to the address, in the person's language, saying what to do if it was not them.
      const notice = await receiveMail(person.email, 2);
      expect(notice.subject).toBe(text(m.Mail.factorAddedSubject, { service: serviceName(m) }));
      expect(notice.text).toContain(person.userName);
      expect(notice.text).toContain(`${UI_URL}/account/security`);

      // In the security activity (the account area signs in with the session just made).
      await openSecurity(page, m);
      await expect(activityRow(page, m, "factor_added")).toHaveCount(1);
    });
  });
}

test.describe("on the security page", () => {
  test.use({ locale: "en-US" });
  const m = messages.en;

  test("a first factor needs the mailed code too, and is announced by mail", async ({ page, person }) => {
    await openSecurity(page, m, person);
    await expectManaging(page, m);
    await expectAddressStep(page, m, "ask");
    await expectAccessible(page);
    await proveAddress(page, m, person.email);
    await addAuthenticatorApp(page, m, { expectCodes: true });
    const notice = await receiveMail(person.email, 2);
    expect(notice.subject).toBe(text(m.Mail.factorAddedSubject, { service: serviceName(m) }));
    await expect(activityRow(page, m, "factor_added")).toHaveCount(1);
  });
});

test.describe("an account without a confirmed address", () => {
  test.use({ locale: "en-US" });
  const m = messages.en;

  test("cannot add a first factor, is told what to do, and can give up the sign-in", async ({ browser, page, client }) => {
    const person = await createPerson({ email: "" });
    await signInToApp(page, m, client, person);
    await expectAddressStep(page, m, "noAddress");
    await expect(page.getByText(text(m.FirstFactor.noAddressBody, { brand: "Tobira" }))).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: m.Mfa.cancel }).click();
    await expectSignInFailed(page, client, "unmet_authentication_requirements");

    const security = await newPage(browser);
    await openSecurity(security, m, person);
    await expectAddressStep(security, m, "noAddress");
    await security.context().close();
  });
});
