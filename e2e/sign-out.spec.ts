import type { Page } from "@playwright/test";
import type { Person } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { AUTH_SERVER } from "./support/env";
import { expect, startTestClient, stopTestClient, test, type TestClient } from "./support/fixtures";
import { messages, type Messages } from "./support/messages";
import { expectSignedIn, signOut, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import { expectLoginScreen, signIn } from "./screens/login-screen";
import { confirmLogout, expectFrontchannelPage, expectLogoutScreen, staySignedIn } from "./screens/logout-screen";

/** Signs in to the app as people do, keeping the session, and allows it. */
async function signInToApp(page: Page, m: Messages, client: TestClient, person: Person) {
  await startSignIn(page, client);
  await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
  await allow(page, m);
  await expectSignedIn(page, client);
}

for (const locale of ["ja", "en"] as const) {
  test(`signing out from the app asks first, then ends the session (${locale})`, async ({ browser, client, person }) => {
    const context = await browser.newContext({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    const page = await context.newPage();
    const m = messages[locale];
    await signInToApp(page, m, client, person);

    await signOut(page);
    await expectLogoutScreen(page, m);
    await expectAccessible(page);
    await confirmLogout(page, m);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

    // The session is gone: the next authorization asks for the password again.
    await startSignIn(page, client);
    await expectLoginScreen(page, m);
    await context.close();
  });
}

test("choosing to stay signed in keeps the session", async ({ page, client, person }) => {
  const m = messages.ja;
  await signInToApp(page, m, client, person);

  await signOut(page);
  await expectLogoutScreen(page, m);
  await staySignedIn(page, m);
  await expectAccessible(page);

  await startSignIn(page, client);
  await expectSignedIn(page, client);
});

test.describe("an app the operator lets sign people out without asking (skip_logout_consent)", () => {
  test.use({ clientOptions: { name: "Kakeibo Test App", scope: "openid profile email offline_access", extra: { skip_logout_consent: true } } });

  test("signing out from the app ends the session without the question", async ({ page, client, person }) => {
    const m = messages.ja;
    await signInToApp(page, m, client, person);

    await signOut(page);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

    await startSignIn(page, client);
    await expectLoginScreen(page, m);
  });
});

// OIDC Front-Channel Logout 1.0: signing out from one app also signs the person out of every
// other app of that session that registered a frontchannel_logout_uri. The authorization server's
// page loads that URI in a frame (Hydra's own page; the embedded core's core/frontchannel.ts),
// and the demo app ends its session with that sid. Without front-channel logout, the other app
// would still show the person signed in.
for (const javaScriptEnabled of [true, false]) {
  test(`signing out of one app signs out of the other apps that asked to be told (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser, client, person }) => {
    const m = messages.ja;
    const context = await browser.newContext({ locale: "ja-JP", javaScriptEnabled });
    const page = await context.newPage();
    const other = await startTestClient({ name: "Kakeibo Other App", scope: "openid profile", frontchannelLogout: true });
    try {
      await signInToApp(page, m, other, person);
      // The same browser session signs in to the second app without the password.
      await startSignIn(page, client);
      await allow(page, m);
      await expectSignedIn(page, client);

      await signOut(page);
      await expectLogoutScreen(page, m);
      await confirmLogout(page, m);
      // Hydra's page goes on after its frames load, or after 7 s at the latest without JavaScript.
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible({ timeout: 15_000 });
      await expect(page).toHaveURL(new RegExp(`^${client.app.url}/`));

      await page.goto(other.app.url);
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
      await expect(page.getByLabel("ID token claims")).toHaveCount(0);
    } finally {
      await stopTestClient(other);
      await context.close();
    }
  });
}

test.describe("the embedded core's front-channel page", () => {
  test.skip(AUTH_SERVER === "hydra", "Ory Hydra renders its own front-channel page (English, unstyled)");

  /** Signs in to an app that registered front-channel logout and signs out, up to the core's page,
   * whose frame is held (an app that does not answer) until `release` is called. */
  async function signOutWithAHeldFrame(page: Page, m: Messages, person: Person, other: TestClient) {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${other.app.frontchannelLogoutUri}?*`, async (route) => {
      await released;
      await route.continue();
    });
    await signInToApp(page, m, other, person);
    await signOut(page);
    await expectLogoutScreen(page, m);
    await confirmLogout(page, m);
    await expectFrontchannelPage(page, m);
    return release;
  }

  test("an app that does not answer holds the person up five seconds at most", async ({ browser, person }) => {
    const m = messages.ja;
    const context = await browser.newContext({ locale: "ja-JP" });
    const page = await context.newPage();
    const other = await startTestClient({ name: "Kakeibo Other App", scope: "openid profile", frontchannelLogout: true });
    try {
      await page.clock.install();
      const release = await signOutWithAHeldFrame(page, m, person, other);
      await page.clock.fastForward(4000);
      await expect(page.getByRole("heading", { level: 1, name: m.FrontchannelLogout.title })).toBeVisible();
      await page.clock.fastForward(1000);
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`^${other.app.url}/`));
      release();
    } finally {
      await stopTestClient(other);
      await context.close();
    }
  });

  for (const locale of ["ja", "en", "ar"] as const) {
    test(`without JavaScript, the page is in the browser's language, accessible, and offers a way on while an app does not answer (${locale})`, async ({ browser, person }) => {
      const m = messages[locale];
      const browserLocale = { ja: "ja-JP", en: "en-US", ar: "ar" }[locale];
      const context = await browser.newContext({ locale: browserLocale, javaScriptEnabled: false });
      const page = await context.newPage();
      const other = await startTestClient({ name: "Kakeibo Other App", scope: "openid profile", frontchannelLogout: true });
      const checking = await browser.newContext({ locale: browserLocale });
      try {
        const release = await signOutWithAHeldFrame(page, m, person, other);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
        // The frame holds the app's own page; the frame itself is named for screen readers.
        await expect(page.locator("iframe")).toHaveAttribute("title", m.FrontchannelLogout.frame);

        // axe needs the page's scripts, which this browser does not run: it checks the same
        // document in a second browser, without the two ways the page goes on by itself.
        const copy = await checking.newPage();
        await copy.route(`${other.app.frontchannelLogoutUri}?*`, (route) => route.fulfill({ body: "" }));
        const html = (await page.content()).replace(/<meta http-equiv="refresh"[^>]*>/, "").replace(/<script[^>]*>[\s\S]*?<\/script>/, "");
        await copy.setContent(html);
        await expectFrontchannelPage(copy, m);
        await expectAccessible(copy, { frames: false });

        await page.getByRole("link", { name: m.FrontchannelLogout.continue }).press("Enter");
        await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
        await expect(page).toHaveURL(new RegExp(`^${other.app.url}/`));
        release();
      } finally {
        await stopTestClient(other);
        await checking.close();
        await context.close();
      }
    });
  }
});
