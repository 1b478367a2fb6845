import type { Browser, Page } from "@playwright/test";
import * as oidc from "openid-client";
import { createClient, deleteClient, uniqueName, type Person } from "./support/admin";
import { Authenticator } from "./support/authenticator";
import { ADMIN_TOKEN, AUTH_SERVER, ISSUER } from "./support/env";
import { expect, test } from "./support/fixtures";
import { linkIn, mailCount, receiveMail } from "./support/mailbox";
import { messages } from "./support/messages";
import { expectCheckYourMail, openRegistrationFromLogin } from "./screens/account-screens";
import { expectSignedIn, signOut, startSignIn } from "./screens/client-app";
import { allow, expectConsentScreen } from "./screens/consent-screen";
import { expectDeviceScreen } from "./screens/device-screen";
import { expectLoginScreen, signIn } from "./screens/login-screen";
import { expectLogoutScreen } from "./screens/logout-screen";
import { expectStepUpScreen, readRecoveryCodes } from "./screens/mfa-screen";
import { expectPreviewControls } from "./screens/preview-screen";
import { addFirstAuthenticatorApp, expectConfirmStep, expectManaging, expectNotice, factorItem, openSecurity } from "./screens/security-screen";
import { requestCode } from "./screens/first-factor-screen";

// Issue 12: people sign in by typing the password and pressing Enter, and Enter submits a form
// with its first submit button, which was "Cancel". On every form, Enter in a field does what the
// form is for and never the other choice, with and without JavaScript; the other choices stay
// where people see them and in that order for Tab (components/FormActions.tsx).
// Without the fix, the sign-in, second-factor and consent tests fail (Enter cancelled or denied);
// the other forms have one submit button, and their tests keep it that way.

const APP = "Kakeibo Test App";
/** An address outside TOBIRA_TRUSTED_NETWORKS: a password alone is not enough from there. */
const OUTSIDE = { "X-Forwarded-For": "203.0.113.7" };
const m = messages.ja;

/** The person adds an authenticator app in a browser of their own (with JavaScript). */
async function withAuthenticatorApp(browser: Browser, person: Person): Promise<Authenticator> {
  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  await openSecurity(page, m, person);
  await expectManaging(page, m);
  const { app } = await addFirstAuthenticatorApp(page, m, person);
  await context.close();
  return app;
}

/** Tab from `from` reaches each of `then` in turn. */
async function expectTabOrder(page: Page, from: ReturnType<Page["getByRole"]>, then: ReturnType<Page["getByRole"]>[]) {
  await from.focus();
  for (const next of then) {
    await page.keyboard.press("Tab");
    await expect(next).toBeFocused();
  }
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("sign-in: Enter in the password field signs in, and never cancels", async ({ page, client, person }) => {
      await startSignIn(page, client);
      await expectLoginScreen(page, m);
      const password = page.getByLabel(m.Login.password);
      await page.getByLabel(m.Login.identifier).fill(person.userName);
      // Enter before the password is typed: the browser asks for it, the sign-in goes on.
      await page.getByLabel(m.Login.identifier).press("Enter");
      await expect(password).toBeFocused();
      await expectLoginScreen(page, m);

      await password.fill(person.password);
      // Cancel stays before the sign-in button, as seen; nothing invisible is in between.
      await expectTabOrder(page, password, [
        page.getByLabel(m.Login.remember),
        page.getByRole("button", { name: m.Login.cancel, exact: true }),
        page.getByRole("button", { name: m.Login.submit, exact: true }),
      ]);
      await password.press("Enter");
      await expectConsentScreen(page, m, APP);
    });

    test("second factor: Enter in the code field verifies it, and never cancels", async ({ browser, page, client, person }) => {
      const app = await withAuthenticatorApp(browser, person);
      await page.setExtraHTTPHeaders(OUTSIDE);
      await startSignIn(page, client);
      await signIn(page, m, { identifier: person.userName, password: person.password });
      await expectStepUpScreen(page, m);
      const code = page.getByLabel(m.Mfa.codeLabel);
      await code.fill(await app.next());
      await expectTabOrder(page, code, [page.getByRole("button", { name: m.Mfa.cancel }), page.getByRole("button", { name: m.Mfa.verify })]);
      await code.press("Enter");
      await expectConsentScreen(page, m, APP);
    });

    test("setting up a first second factor while signing in: Enter in the code field adds it", async ({ page, client, person }) => {
      await page.setExtraHTTPHeaders(OUTSIDE);
      await startSignIn(page, client);
      await signIn(page, m, { identifier: person.userName, password: person.password });
      await expectStepUpScreen(page, m);
      await expect(page.getByRole("heading", { level: 2, name: m.Mfa.enrolTitle })).toBeVisible();
      // The code mailed first: Enter in its field confirms it and never asks for a new one, which
      // stays where people see it, before the confirm button.
      const mailed = await requestCode(page, m, person.email);
      const sent = mailCount(person.email);
      const mailedField = page.getByLabel(m.FirstFactor.codeLabel);
      await mailedField.fill(mailed);
      await expectTabOrder(page, mailedField, [
        page.getByRole("button", { name: m.FirstFactor.resend, exact: true }),
        page.getByRole("button", { name: m.FirstFactor.confirm, exact: true }),
      ]);
      await mailedField.press("Enter");
      await expect(page.getByTestId("totp-key")).toBeVisible();
      expect(mailCount(person.email)).toBe(sent);
      const key = await page.getByTestId("totp-key").textContent();
      const code = page.getByLabel(m.Security.enrolCode);
      await code.fill(await Authenticator.fromText(key ?? "").next());
      await code.press("Enter");
      await readRecoveryCodes(page, m);
      await page.getByRole("button", { name: m.Mfa.continue }).press("Enter");
      await expectConsentScreen(page, m, APP);
    });

    test.describe("consent with an optional scope", () => {
      test.use({ clientOptions: { name: APP, scope: "openid profile email", metadata: { tobira: { consent: { optional_scopes: ["email"] } } } } });

      test("Enter on the optional scope's checkbox allows, with the scope ticked, and never denies", async ({ page, client, person }) => {
        await startSignIn(page, client);
        await signIn(page, m, { identifier: person.userName, password: person.password });
        await expectConsentScreen(page, m, APP);
        const email = page.getByRole("checkbox", { name: m.Scopes.email.title });
        await email.focus();
        await page.keyboard.press("Space");
        await expect(email).toBeChecked();
        // Chromium submits a form on Enter in a checkbox too, with its default button.
        await page.keyboard.press("Enter");
        const claims = await expectSignedIn(page, client);
        expect(claims.email).toBe(person.email);
      });
    });

    test("sign-out: the buttons come in the order seen, and Enter on the focused one signs out", async ({ page, client, person }) => {
      await startSignIn(page, client);
      await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
      await allow(page, m);
      await expectSignedIn(page, client);
      await signOut(page);
      await expectLogoutScreen(page, m);
      // The form has no field, so there is no implicit submission: Enter presses the focused
      // button. What can go wrong is the order, or focus landing on the hidden default button.
      await expectTabOrder(page, page.getByRole("button", { name: m.Logout.stay, exact: true }), [
        page.getByRole("button", { name: m.Logout.confirm, exact: true }),
      ]);
      await page.keyboard.press("Enter");
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
      await startSignIn(page, client);
      await expectLoginScreen(page, m);
    });

    test("device sign-in: Enter in the code field accepts the code", async ({ page }) => {
      test.skip(AUTH_SERVER === "hydra", "Ory Hydra v2.3 has no device flow");
      const { clientId } = await createClient({
        client_id: uniqueName("tv"),
        client_name: "Kakeibo TV",
        grant_types: ["urn:ietf:params:oauth:grant-type:device_code"],
        response_types: [],
        redirect_uris: [],
        scope: "openid",
        token_endpoint_auth_method: "none",
      });
      try {
        const config = await oidc.discovery(new URL(ISSUER), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
        const device = await oidc.initiateDeviceAuthorization(config, { scope: "openid" });
        await page.goto(device.verification_uri);
        await expectDeviceScreen(page, m);
        await page.getByLabel(m.Device.code).fill(device.user_code);
        await page.getByLabel(m.Device.code).press("Enter");
        await expectLoginScreen(page, m);
      } finally {
        await deleteClient(clientId);
      }
    });

    test("registration: Enter in the last field registers, and Enter on the mailed link's button confirms", async ({ page, client }) => {
      const email = `${uniqueName("new")}@example.com`;
      await startSignIn(page, client);
      await openRegistrationFromLogin(page, m);
      await page.getByLabel(m.Register.email).fill(email);
      await page.getByLabel(m.Password.label).fill(`my door ${uniqueName("opens")}`);
      await page.getByLabel(m.Register.givenName).fill("Hanako");
      await page.getByLabel(m.Register.familyName).fill("Yamada");
      await page.getByLabel(m.Register.familyName).press("Enter");
      await expectCheckYourMail(page, m, email);

      // The confirmation has no field: Enter presses the focused button.
      await page.goto(linkIn(await receiveMail(email), "/register/verify"));
      await page.getByRole("button", { name: m.Verify.submit }).press("Enter");
      await expectLoginScreen(page, m);
      await expect(page.getByRole("status").filter({ hasText: m.Login.notices.registered })).toBeVisible();
    });

    test("recovery and the new password: Enter asks for the mail, and Enter sets the password", async ({ page, client, person }) => {
      await startSignIn(page, client);
      await page.getByRole("link", { name: m.Login.forgotPassword }).click();
      await page.getByLabel(m.Recover.email).fill(person.email);
      await page.getByLabel(m.Recover.email).press("Enter");
      await expect(page.getByRole("heading", { level: 1, name: m.Recover.sentTitle })).toBeVisible();

      await page.goto(linkIn(await receiveMail(person.email), "/recover/reset"));
      await expect(page.getByRole("heading", { level: 1, name: m.Recover.resetTitle })).toBeVisible();
      await page.getByLabel(m.Password.newLabel).fill(`${person.password} renewed`);
      await page.getByLabel(m.Password.newLabel).press("Enter");
      await expectLoginScreen(page, m);
      await expect(page.getByRole("status").filter({ hasText: m.Login.notices.reset })).toBeVisible();
    });

    test("the security page: Enter confirms the code, and Enter in a name field renames", async ({ page, person }) => {
      await openSecurity(page, m, person);
      const { app } = await addFirstAuthenticatorApp(page, m, person);
      // The page's own confirmation forgotten: the password-only sign-in needs the code too.
      await page.context().clearCookies({ name: "tobira_security" });
      await openSecurity(page, m);
      await expectConfirmStep(page, m, "factor");
      await page.getByLabel(m.Mfa.codeLabel).fill(await app.next());
      await page.getByLabel(m.Mfa.codeLabel).press("Enter");
      await expectManaging(page, m);

      const name = factorItem(page, m.Security.defaultAppName).getByRole("textbox");
      await name.fill("Work phone");
      await name.press("Enter");
      await expectNotice(page, m, "renamed");
      await expect(factorItem(page, "Work phone")).toBeVisible();
    });

    test("the preview: Enter in the token field opens it, and Enter in its settings shows the screen", async ({ page }) => {
      await page.goto("/preview");
      await page.getByLabel(m.Preview.tokenLabel).fill(ADMIN_TOKEN);
      await page.getByLabel(m.Preview.tokenLabel).press("Enter");
      await expectPreviewControls(page, m);
      await page.getByLabel(m.Preview.client).fill("no-such-client");
      await page.getByLabel(m.Preview.client).press("Enter");
      await expect(page).toHaveURL(/[?&]client=no-such-client(&|$)/);
    });
  });
}
