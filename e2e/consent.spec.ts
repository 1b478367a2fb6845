import type { Page } from "@playwright/test";
import { consentSessions, updateClient } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { AUTH_SERVER, UI_URL } from "./support/env";
import { expect, test } from "./support/fixtures";
import { messages, text, type Locale, type Messages } from "./support/messages";
import { expectSignedIn, expectSignInFailed, refreshTokens, startSignIn, type SignInOptions } from "./screens/client-app";
import type { TestClient } from "./support/fixtures";
import {
  allow,
  deny,
  expectChange,
  expectConsentScreen,
  expectEndDate,
  expectMarked,
  expectNoChanges,
  expectRefusal,
  expectScopes,
  returnToApp,
  scopeItem,
} from "./screens/consent-screen";
import { signIn } from "./screens/login-screen";
import { continueAfterCodes, expectReason, expectStepUpScreen, readRecoveryCodes, setUpAuthenticatorApp } from "./screens/mfa-screen";
import { proveAddress } from "./screens/first-factor-screen";

// The consent screen (issue 4, CONSENT.md): each numbered point of the issue, in both languages,
// with the client, its scopes and its consent metadata created by each test.

const APP = "Kakeibo Test App";
const ALL_SCOPES = "openid profile email offline_access accounts balances transactions payments weird:scope";
const DAY_MS = 86_400_000;

function datesFor(locale: Locale, fromMs: number, toMs: number): string[] {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Asia/Tokyo" });
  return [...new Set([format.format(fromMs), format.format(toMs)])];
}

/** Collects Tobira pages (HTML, 200) the browser is shown, to prove a step showed none. */
function trackPages(page: Page): string[] {
  const shown: string[] = [];
  page.on("response", (response) => {
    const isPage = (response.headers()["content-type"] ?? "").startsWith("text/html");
    if (response.url().startsWith(UI_URL) && response.status() === 200 && isPage) shown.push(response.url());
  });
  return shown;
}

/** The app forgets its own session; the authorization server's remembered login and consent stay. */
async function signInAgain(page: Page, client: TestClient, options: SignInOptions) {
  await page.context().clearCookies({ name: /^demo_app_session_/ });
  await startSignIn(page, client, options);
}

async function firstSignIn(page: Page, m: Messages, client: TestClient, person: { userName: string; password: string }, options: SignInOptions) {
  await startSignIn(page, client, options);
  await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
}

const payment = {
  type: "payment_initiation",
  instructedAmount: { currency: "JPY", amount: "12000" },
  creditorName: "Merchant <A>",
  creditorAccount: { accountNumber: "0012345" },
  remittanceInformationUnstructured: "Invoice 42",
};

for (const locale of ["ja", "en"] as const) {
  const m = messages[locale];

  test.describe(`consent screen in ${locale}`, () => {
    test.use({ locale: locale === "ja" ? "ja-JP" : "en-US" });

    test.describe("an unverified app with full consent metadata", () => {
      test.use({
        clientOptions: {
          name: APP,
          scope: ALL_SCOPES,
          extra: { tos_uri: "https://example.com/tos", policy_uri: "https://example.com/privacy" },
          // In metadata, where Hydra keeps language-tagged fields (it drops unknown top-level ones).
          metadata: {
            "client_name#ja": "かけいぼテスト",
            tobira: {
              consent: {
                version: "1",
                duration_days: 30,
                optional_scopes: ["email"],
                purpose: { ja: "家計簿を作るため", en: "To build your household budget" },
                third_parties: { ja: "第三者には提供しません", en: "Never shared with third parties" },
                deletion: { ja: "退会時に削除します", en: "Deleted when you leave the service" },
              },
            },
          },
        },
      });

      test("says who asks, for what, for how long, why and how to take it back", async ({ page, client, person }) => {
        const name = locale === "ja" ? "かけいぼテスト" : APP;
        await firstSignIn(page, m, client, person, { scope: "openid profile email offline_access accounts weird:scope" });
        const before = Date.now();
        await expectConsentScreen(page, m, name);
        await expect(page.getByText(m.Consent.unverified, { exact: true })).toBeVisible();

        // What, in plain language: titles, risk, expandable items; never a raw scope string.
        await expectScopes(page, m, ["openid", "profile", "accounts"]);
        await expect(page.getByText("accounts", { exact: true })).toHaveCount(0);
        const accounts = scopeItem(page, m, "accounts");
        await expect(accounts).toContainText(m.Consent.risk.read);
        await expect(accounts.getByText(m.Scopes.accounts.items.accountNumber)).toBeHidden();
        await accounts.getByText(m.Consent.itemsSummary).click();
        await expect(accounts.getByText(m.Scopes.accounts.items.accountNumber)).toBeVisible();
        await expect(page.getByText(m.Consent.unrecognised)).toBeVisible();
        await expect(page.getByText("weird:scope", { exact: true })).toBeVisible();
        await expect(page.getByRole("checkbox", { name: m.Scopes.email.title })).not.toBeChecked();
        await expectNoChanges(page, m);

        // For how long: continuous, long-lived, ends in 30 days.
        await expect(page.getByText(m.Consent.access.continuous, { exact: true })).toBeVisible();
        await expect(page.getByText(m.Consent.access.longLived)).toBeVisible();
        await expectEndDate(page, m, datesFor(locale, before + 30 * DAY_MS, Date.now() + 30 * DAY_MS));

        // Why: only the items the client registered.
        await expect(page.getByText(m.Consent.about.purpose, { exact: true })).toBeVisible();
        await expect(page.getByText(locale === "ja" ? "家計簿を作るため" : "To build your household budget")).toBeVisible();
        await expect(page.getByText(locale === "ja" ? "第三者には提供しません" : "Never shared with third parties")).toBeVisible();
        await expect(page.getByText(m.Consent.about.restrictions, { exact: true })).toHaveCount(0);
        await expect(page.getByText(m.Consent.about.cautions, { exact: true })).toHaveCount(0);

        // Terms, privacy, revoke: in a new tab, the flow stays.
        await expect(page.getByRole("link", { name: m.Consent.tos })).toHaveAttribute("target", "_blank");
        await expect(page.getByRole("link", { name: m.Consent.tos })).toHaveAttribute("href", "https://example.com/tos");
        await expect(page.getByRole("link", { name: m.Consent.policy })).toHaveAttribute("href", "https://example.com/privacy");
        const revoke = page.locator('a[href="/account/apps"]');
        await expect(revoke).toHaveAttribute("target", "_blank");
        await expect(revoke).toContainText(/<link>(.*)<\/link>/.exec(m.Consent.revoke)?.[1] ?? "");
        await expect(revoke.locator("..")).toContainText(m.Consent.revoke.split("<link>")[0] ?? "");

        // Allow and cancel weigh the same.
        const allowClass = await page.getByRole("button", { name: m.Consent.allow, exact: true }).getAttribute("class");
        await expect(page.getByRole("button", { name: m.Consent.deny, exact: true })).toHaveAttribute("class", allowClass ?? "");
        await expectAccessible(page);

        // The optional scope was not ticked: the app does not get the email address.
        await allow(page, m);
        const claims = await expectSignedIn(page, client);
        expect(claims.given_name).toBe(person.givenName);
        expect(claims).not.toHaveProperty("email");
      });
    });

    test.describe("a verified app with a hostile name", () => {
      test.use({
        clientOptions: {
          name: "Evil <b>Bank</b>\u202Egnp.exe",
          scope: "openid profile",
          extra: { logo_uri: `${UI_URL}/icon.svg` },
          metadata: { tobira: { verified: true, consent: { optional_scopes: ["profile"] } } },
        },
      });

      test("shows the name escaped and isolated, the logo, and no unverified notice", async ({ page, client, person }) => {
        const name = "Evil <b>Bank</b>\u202Egnp.exe";
        await firstSignIn(page, m, client, person, { scope: "openid profile" });
        await expectConsentScreen(page, m, name);
        await expect(page.locator("h1 bdi")).toHaveText(name);
        await expect(page.getByRole("img", { name: text(m.Consent.logoAlt, { client: name }) })).toBeVisible();
        await expect(page.getByText(text(m.Consent.verified, { brand: "Tobira" }))).toBeVisible();
        await expect(page.getByText(m.Consent.unverified, { exact: true })).toHaveCount(0);
        await expect(page.getByText(m.Consent.access.oneTime, { exact: true })).toBeVisible();
        await expectAccessible(page);

        // An optional scope the person ticks is granted.
        await allow(page, m, ["profile"]);
        const claims = await expectSignedIn(page, client);
        expect(claims.given_name).toBe(person.givenName);
      });
    });

    test.describe("without JavaScript", () => {
      test.use({ javaScriptEnabled: false, clientOptions: { name: APP, scope: "openid profile email", metadata: { tobira: { consent: { optional_scopes: ["email"] } } } } });

      test("the plain HTML form grants the ticked optional scope", async ({ page, client, person }) => {
        await firstSignIn(page, m, client, person, { scope: "openid profile email" });
        await expectConsentScreen(page, m, APP);
        await allow(page, m, ["email"]);
        const claims = await expectSignedIn(page, client);
        expect(claims.email).toBe(person.email);
      });
    });

    test.describe("an app asking again", () => {
      test.use({ clientOptions: { name: APP, scope: ALL_SCOPES, metadata: { tobira: { consent: { version: "1" } } } } });

      test("is skipped while nothing changed and shows only what changed otherwise", async ({ page, client, person }) => {
        const shown = trackPages(page);
        await firstSignIn(page, m, client, person, { scope: "openid profile" });
        await expect(page.getByText(m.Consent.access.oneTime, { exact: true })).toBeVisible();
        await allow(page, m);
        await expectSignedIn(page, client);

        shown.length = 0;
        await signInAgain(page, client, { scope: "openid profile" });
        await expectSignedIn(page, client);
        expect(shown).toEqual([]);

        await signInAgain(page, client, { scope: "openid profile accounts" });
        await expectConsentScreen(page, m, APP);
        await expectChange(page, m, "new_scopes");
        await expectMarked(page, m, "accounts", "new");
        await expectMarked(page, m, "profile", "granted");
        await expectAccessible(page);
        await allow(page, m);
        await expectSignedIn(page, client);

        await signInAgain(page, client, { scope: "openid profile accounts offline_access" });
        await expectChange(page, m, "offline_access");
        await expectMarked(page, m, "accounts", "granted");
        await allow(page, m);
        await expectSignedIn(page, client);

        await updateClient(client.clientId, { metadata: { tobira: { consent: { version: "2" } } } });
        await signInAgain(page, client, { scope: "openid profile accounts offline_access" });
        await expectChange(page, m, "terms_changed");
        await allow(page, m);
        await expectSignedIn(page, client);

        await signInAgain(page, client, { scope: "openid profile accounts offline_access", prompt: "consent" });
        await expectChange(page, m, "asked_again");
        await deny(page, m);
        await expectSignInFailed(page, client, "access_denied");

        // Deny remembered nothing: the earlier decision still covers the request.
        shown.length = 0;
        await signInAgain(page, client, { scope: "openid profile accounts offline_access" });
        await expectSignedIn(page, client);
        expect(shown).toEqual([]);
      });

      test("asks every time for per-use scopes, and prompt=none never shows a page", async ({ page, client, person }) => {
        const shown = trackPages(page);
        await firstSignIn(page, m, client, person, { scope: "openid transactions" });
        await expectConsentScreen(page, m, APP);
        await expect(page.getByText(text(m.Consent.access.perUseBody, { client: APP }))).toBeVisible();
        await allow(page, m);
        await expectSignedIn(page, client);

        await signInAgain(page, client, { scope: "openid transactions" });
        await expectConsentScreen(page, m, APP);
        await allow(page, m);
        await expectSignedIn(page, client);

        shown.length = 0;
        await signInAgain(page, client, { scope: "openid transactions", prompt: "none" });
        await expectSignInFailed(page, client, "consent_required");
        await signInAgain(page, client, { scope: "openid balances", prompt: "none" });
        await expectSignInFailed(page, client, "consent_required");
        expect(shown).toEqual([]);
      });
    });

    test.describe("an app with a short consent", () => {
      // Long enough that the remembered consent is still listed after the sign-in and the first
      // refresh on a slow machine (Hydra lists no consent past its end).
      test.use({ clientOptions: { name: APP, scope: "openid offline_access", metadata: { tobira: { consent: { duration_seconds: 12 } } } } });

      test("loses its refresh token on the end date it showed", async ({ page, client, person }) => {
        await firstSignIn(page, m, client, person, { scope: "openid offline_access" });
        const before = Date.now();
        await expectEndDate(page, m, datesFor(locale, before, Date.now() + 12_000));
        await allow(page, m);
        const claims = await expectSignedIn(page, client);
        await refreshTokens(page);
        await expect(page.getByRole("status")).toHaveText("Tokens refreshed.");

        const [session] = await consentSessions(String(claims.sub));
        expect(session?.remember_for).toBe(12);
        const end = Date.parse(session?.handled_at ?? "") + (session?.remember_for ?? 0) * 1000;
        // Waiting for the clock is the point: the end date has to pass.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - Date.now()) + 1500));
        await refreshTokens(page);
        await expect(page.getByRole("alert")).toHaveText("Refresh failed: invalid_grant");
      });
    });

    test.describe("a per-use consent with offline access and a short end", () => {
      // `transactions` is per-use (e2e/support/scopes.json): never remembered, so ending its
      // refresh token is up to Tobira's own record with Ory Hydra (lib/grants/per-use.ts).
      test.use({
        clientOptions: { name: APP, scope: "openid offline_access transactions", metadata: { tobira: { consent: { duration_seconds: 15 } } } },
      });

      test("loses its refresh token on the end date it showed", async ({ page, client, person }) => {
        await firstSignIn(page, m, client, person, { scope: "openid transactions offline_access" });
        const before = Date.now();
        await expectEndDate(page, m, datesFor(locale, before, Date.now() + 15_000));
        await allow(page, m);
        await expectSignedIn(page, client);
        const allowedAt = Date.now();
        await refreshTokens(page);
        await expect(page.getByRole("status")).toHaveText("Tokens refreshed.");

        // Waiting for the clock is the point: the end date has to pass. Long enough that a loaded
        // machine (three suites at once in CI) signs in and refreshes once before it (4 s did not).
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, allowedAt + 15_000 - Date.now()) + 1500));
        await expect(async () => {
          await refreshTokens(page);
          await expect(page.getByRole("alert")).toHaveText("Refresh failed: invalid_grant", { timeout: 1000 });
        }).toPass({ timeout: 10_000 });
      });
    });

    test.describe("transactions and assurance", () => {
      test.use({ clientOptions: { name: APP, scope: ALL_SCOPES } });

      test("a payment is shown exactly as requested and asked every time", async ({ page, client, person }) => {
        test.skip(AUTH_SERVER === "hydra", "Ory Hydra v2.3 has no authorization_details: see the next test");
        await firstSignIn(page, m, client, person, { scope: "openid", authorizationDetails: [payment] });
        await expectConsentScreen(page, m, APP);
        const details = page.getByRole("region", { name: m.Consent.transaction.heading });
        await expect(details).toContainText("12000");
        await expect(details).toContainText("JPY");
        await expect(details).toContainText("Merchant <A>");
        await expect(details).toContainText("0012345");
        await expect(details).toContainText("Invoice 42");
        await expect(page.getByText(m.Consent.transaction.note)).toBeVisible();
        await expectAccessible(page);
        await allow(page, m);
        await expectSignedIn(page, client);

        await signInAgain(page, client, { scope: "openid", authorizationDetails: [payment] });
        await expectConsentScreen(page, m, APP);
        await expect(page.getByRole("region", { name: m.Consent.transaction.heading })).toContainText("12000");
      });

      test("a payment the authorization server cannot pass on is refused, never shown as an ordinary consent", async ({ page, client, person }) => {
        test.skip(AUTH_SERVER !== "hydra", "the embedded core passes authorization_details on: see the test before");
        await firstSignIn(page, m, client, person, { scope: "openid", authorizationDetails: [payment] });
        await expectRefusal(page, m, "unsupported", APP);
        await expect(page.getByRole("button", { name: m.Consent.allow, exact: true })).toHaveCount(0);
        await expectAccessible(page);
        await returnToApp(page, m);
        await expectSignInFailed(page, client, "invalid_authorization_details");
      });

      test("an unknown transaction type is an error page that ends the flow", async ({ page, client, person }) => {
        await firstSignIn(page, m, client, person, { scope: "openid", authorizationDetails: [{ type: "crypto_transfer", amount: "1" }] });
        await expectRefusal(page, m, "unsupported", APP);
        await expectAccessible(page);
        await returnToApp(page, m);
        await expectSignInFailed(page, client, "invalid_authorization_details");
      });

      test("a level-3 scope on a password sign-in steps up to a second factor before the consent", async ({ page, client, person }) => {
        await firstSignIn(page, m, client, person, { scope: "openid payments" });
        // Issue 6: the level the catalogue gives `payments` is reached at sign-in (here by setting
        // up a first factor), so the consent screen never sees a session below it.
        await expectStepUpScreen(page, m);
        await expectReason(page, m, "scope");
        await proveAddress(page, m, person.email);
        await setUpAuthenticatorApp(page, m.Security.enrolCode, m.Security.enrolSubmit);
        await readRecoveryCodes(page, m);
        await continueAfterCodes(page, m);
        await expectConsentScreen(page, m, APP);
      });
    });
  });
}
