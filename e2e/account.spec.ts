import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { expect, startTestClient, stopTestClient, test, type TestClient } from "./support/fixtures";
import { isolated, messages, text, type Locale } from "./support/messages";
import type { Person } from "./support/admin";
import { expectSignedIn, refreshTokens, startSignIn } from "./screens/client-app";
import { allow, expectConsentScreen } from "./screens/consent-screen";
import { expectLoginScreen, signIn } from "./screens/login-screen";
import { confirmLogout, expectLogoutScreen, staySignedIn } from "./screens/logout-screen";
import {
  activityRow,
  confirmRevoke,
  confirmSignOutEverywhere,
  expectGrantedApp,
  expectNoGrantedApp,
  openGrantedApps,
  openSecurity,
  revokeAll,
  signOutEverywhere,
  signOutOfAccount,
  startRevoke,
} from "./screens/account-screen";

// The person's side: who has my data, since when, until when — and ending it at once.

const KAKEIBO = "Kakeibo Test App";
const TABI = "Tabi Planner";
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const browserLocale = (locale: Locale) => (locale === "ja" ? "ja-JP" : "en-US");
/** Dates as the UI formats them (next-intl: the locale, Asia/Tokyo). */
const day = (locale: Locale, date: Date) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Asia/Tokyo" }).format(date);

/** A browser (own cookies: the apps share a host) signed in to one app, access allowed. */
async function signedInTo(
  browser: Browser,
  locale: Locale,
  client: TestClient,
  person: Person,
  { remembered = false } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: browserLocale(locale) });
  const page = await context.newPage();
  await startSignIn(page, client);
  await signIn(page, messages[locale], { identifier: person.userName, password: person.password, remember: true });
  // A consent already given for this app is remembered: no consent screen the second time.
  if (!remembered) await allow(page, messages[locale]);
  await expectSignedIn(page, client);
  return { context, page };
}

async function expectRefresh(page: Page, client: TestClient, works: boolean) {
  await page.goto(`${client.app.url}/`);
  await refreshTokens(page);
  if (works) await expect(page.getByRole("status")).toHaveText("Tokens refreshed.");
  else await expect(page.getByRole("alert")).toHaveText("Refresh failed: invalid_grant");
}

for (const locale of ["ja", "en"] as const) {
  test(`a person sees which apps hold their data and takes access back at once (${locale})`, async ({ browser, client, person }) => {
    const m = messages[locale];
    const tabi = await startTestClient({ name: TABI, scope: "openid email offline_access" });
    try {
      const a = await signedInTo(browser, locale, client, person);
      const b = await signedInTo(browser, locale, tabi, person);
      const allowedAt = new Date();

      // The account area signs in through the same login flow; this browser is already signed in.
      await openGrantedApps(a.page, m);
      await expect(a.page.locator("html")).toHaveAttribute("lang", locale);
      const until = text(m.Apps.until, { date: day(locale, new Date(allowedAt.getTime() + YEAR_MS)) });
      await expectGrantedApp(a.page, m, {
        name: KAKEIBO,
        scopes: ["openid", "profile", "email"],
        grantedOn: day(locale, allowedAt),
        until,
        continuous: true,
      });
      await expectGrantedApp(a.page, m, { name: TABI, scopes: ["openid", "email"], grantedOn: day(locale, allowedAt), until, continuous: true });
      await expect(a.page.getByRole("article")).toHaveCount(2);
      await expectAccessible(a.page);

      await startRevoke(a.page, m, KAKEIBO);
      await expect(a.page.getByText(text(m.Apps.confirm.body, { client: KAKEIBO }))).toBeVisible();
      await expectAccessible(a.page);
      await confirmRevoke(a.page, m, KAKEIBO);
      await expectAccessible(a.page);

      // At once: the revoked app's refresh token fails, the other app's still works.
      await expectRefresh(a.page, client, false);
      await expectRefresh(b.page, tabi, true);

      await openGrantedApps(a.page, m);
      await expectNoGrantedApp(a.page, KAKEIBO);
      await revokeAll(a.page, m);
      await expectAccessible(a.page);
      await expectRefresh(b.page, tabi, false);
      await openGrantedApps(a.page, m);
      await expect(a.page.getByText(m.Apps.empty)).toBeVisible();

      await openSecurity(a.page, m);
      await expect(activityRow(a.page, m, "consent_revoked_all")).toHaveCount(1);
      const revoked = activityRow(a.page, m, "consent_revoked", KAKEIBO);
      await expect(revoked).toHaveCount(1);
      await expect(revoked.getByRole("cell").last()).toHaveText(text(m.Activity.thisNetwork, { network: isolated("127.0.0.x") }));
      await expect(activityRow(a.page, m, "consent_granted", TABI)).toHaveCount(1);
      await expect(activityRow(a.page, m, "sign_in", KAKEIBO)).toHaveCount(1);
      await expectAccessible(a.page);

      await a.context.close();
      await b.context.close();
    } finally {
      await stopTestClient(tabi);
    }
  });

  test(`signing out everywhere makes every browser ask for the password again (${locale})`, async ({ browser, client, person }) => {
    const m = messages[locale];
    const here = await signedInTo(browser, locale, client, person);
    const elsewhere = await signedInTo(browser, locale, client, person, { remembered: true });
    // The other browser has the account area open as well.
    await elsewhere.page.goto("/account");
    await expect(elsewhere.page.getByRole("heading", { level: 1, name: m.Account.title })).toBeVisible();

    await openSecurity(here.page, m);
    await expectAccessible(here.page);
    await signOutEverywhere(here.page, m);
    await expectAccessible(here.page);
    await confirmSignOutEverywhere(here.page, m);
    await expectAccessible(here.page);

    for (const { page, context } of [here, elsewhere]) {
      await context.clearCookies({ name: /^demo_app_session_/ });
      await startSignIn(page, client);
      await expectLoginScreen(page, m);
    }
    // The account area ended too, in both browsers (the other one's cookie no longer counts):
    // it asks for the password before showing anything.
    await elsewhere.page.goto("/account");
    await expectLoginScreen(elsewhere.page, m);
    await here.page.goto("/account");
    await expectLoginScreen(here.page, m);
    await signIn(here.page, m, { identifier: person.userName, password: person.password });
    await expect(here.page.getByRole("heading", { level: 1, name: m.Account.title })).toBeVisible();
    await expectAccessible(here.page);
    await openSecurity(here.page, m);
    await expect(activityRow(here.page, m, "signed_out_everywhere")).toHaveCount(1);

    await here.context.close();
    await elsewhere.context.close();
  });
}

test.describe("per-use grants", () => {
  // `transactions` is per-use in the suite's catalogue (e2e/support/scopes.json): asked every time,
  // never remembered, so neither server lists it as a remembered consent.
  test.use({ clientOptions: { name: KAKEIBO, scope: "openid profile email offline_access transactions" } });

  test("one-time access that can still refresh is listed, and revoking it with the keyboard ends its refresh token", async ({ browser, client, person }) => {
    const m = messages.en;
    const context = await browser.newContext({ locale: browserLocale("en") });
    const page = await context.newPage();
    await startSignIn(page, client, { scope: "openid transactions offline_access" });
    await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
    await expectConsentScreen(page, m, KAKEIBO);
    await allow(page, m);
    await expectSignedIn(page, client);
    const allowedAt = new Date();
    await expectRefresh(page, client, true);

    await openGrantedApps(page, m);
    const until = day("en", new Date(allowedAt.getTime() + YEAR_MS));
    await expectGrantedApp(page, m, {
      name: KAKEIBO,
      scopes: ["openid", "transactions"],
      grantedOn: day("en", allowedAt),
      until: text(m.Apps.until, { date: until }),
      perUseUntil: until,
    });
    await expect(page.getByRole("article")).toHaveCount(1);
    await expectAccessible(page);

    await startRevoke(page, m, KAKEIBO, { keyboard: true });
    await expectAccessible(page);
    await confirmRevoke(page, m, KAKEIBO, { keyboard: true });
    await expectRefresh(page, client, false);
    await openGrantedApps(page, m);
    await expect(page.getByText(m.Apps.empty)).toBeVisible();
    await context.close();
  });

  test("a per-use grant without offline access is not left in the list", async ({ browser, client, person }) => {
    const m = messages.ja;
    const context = await browser.newContext({ locale: browserLocale("ja") });
    const page = await context.newPage();
    await startSignIn(page, client, { scope: "openid transactions" });
    await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
    await allow(page, m);
    await expectSignedIn(page, client);

    await openGrantedApps(page, m);
    await expect(page.getByText(m.Apps.empty)).toBeVisible();
    await expectNoGrantedApp(page, KAKEIBO);
    await expectAccessible(page);
    await context.close();
  });
});

test("the account area's home reaches granted apps in one click and works without JavaScript", async ({ browser, client, person }) => {
  const m = messages.en;
  const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/account");
  await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
  await expect(page.getByRole("heading", { level: 1, name: m.Account.title })).toBeVisible();
  await startSignIn(page, client);
  await allow(page, m);
  await expectSignedIn(page, client);

  await page.goto("/account");
  await page.getByRole("link", { name: m.Account.home.appsLink }).click();
  await expectGrantedApp(page, m, {
    name: KAKEIBO,
    scopes: ["openid", "profile", "email"],
    grantedOn: day("en", new Date()),
    until: text(m.Apps.until, { date: day("en", new Date(Date.now() + YEAR_MS)) }),
    continuous: true,
  });
  await startRevoke(page, m, KAKEIBO);
  await confirmRevoke(page, m, KAKEIBO);
  await expectRefresh(page, client, false);
  await context.close();
});

test("signing out of the account area asks at the logout page, which names it; staying keeps the session", async ({ page, person }) => {
  const m = messages.ja;
  await page.goto("/account");
  await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
  await expect(page.getByRole("heading", { level: 1, name: m.Account.title })).toBeVisible();

  await signOutOfAccount(page, m);
  await expectLogoutScreen(page, m);
  await expect(page.getByText(text(m.Logout.bodyApp, { client: "Tobira account" }))).toBeVisible();
  await staySignedIn(page, m);
  // Still signed in at the authorization server: the account area opens without a password.
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: m.Account.title })).toBeVisible();

  await signOutOfAccount(page, m);
  await expectLogoutScreen(page, m);
  await confirmLogout(page, m);
  await expect(page.getByRole("heading", { level: 1, name: m.Account.signedOut.title })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/account");
  await expectLoginScreen(page, m);
});
