import { adminFetch, createPerson } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { messages } from "./support/messages";
import { UI_URL } from "./support/env";
import { expectSignedIn, expectSignInFailed, refreshTokens, startSignIn } from "./screens/client-app";
import { allow, deny, expectConsentScreen, expectScopes } from "./screens/consent-screen";
import { expectInvalidCredentials, expectLoginScreen, signIn } from "./screens/login-screen";

const APP = "Kakeibo Test App";

for (const locale of ["ja", "en"] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    const m = messages[locale];

    test("a person signs in, allows access, and the app receives truthful claims", async ({ page, client, person }) => {
      await startSignIn(page, client);
      await expectLoginScreen(page, m);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expectAccessible(page);
      await signIn(page, m, { identifier: person.userName, password: person.password });

      await expectConsentScreen(page, m, APP);
      await expectScopes(page, m, ["openid", "profile", "email", "offline_access"]);
      await expectAccessible(page);
      await allow(page, m);

      const claims = await expectSignedIn(page, client);
      expect(claims).toMatchObject({
        given_name: person.givenName,
        family_name: person.familyName,
        email: person.email,
        acr: "urn:tobira:loa:2",
        amr: ["pwd"],
      });
      expect(claims.sub).toEqual(expect.any(String));
    });

    test("a wrong password and an unknown account get the same message", async ({ page, client, person }) => {
      await startSignIn(page, client);
      // The button works as well as Enter (which every other sign-in here uses).
      await signIn(page, m, { identifier: person.userName, password: "not-the-password", submit: "button" });
      await expectInvalidCredentials(page, m, person.userName);
      await expectAccessible(page);
      await signIn(page, m, { identifier: "nobody-by-this-name", password: "whatever-it-is" });
      await expectInvalidCredentials(page, m, "nobody-by-this-name");
    });
  });
}

test("ui_locales from the app picks the language, first supported wins", async ({ page, client }) => {
  await startSignIn(page, client, { uiLocales: "fr en ja" });
  await expectLoginScreen(page, messages.en);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("deny ends the flow with access_denied at the app", async ({ page, client, person }) => {
  const m = messages.ja;
  await startSignIn(page, client);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expectConsentScreen(page, m, APP);
  await deny(page, m);
  await expectSignInFailed(page, client, "access_denied");
});

test("after 'keep me signed in' and allow, the next authorization shows no page", async ({ page, client, person }) => {
  const m = messages.ja;
  await startSignIn(page, client);
  await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
  await allow(page, m);
  await expectSignedIn(page, client);

  const pagesShown: string[] = [];
  page.on("response", (response) => {
    const isPage = (response.headers()["content-type"] ?? "").startsWith("text/html");
    if (response.url().startsWith(UI_URL) && response.status() === 200 && isPage) pagesShown.push(response.url());
  });
  // The app forgets its own session; the authorization server's remembered login and consent stay.
  await page.context().clearCookies({ name: /^demo_app_session_/ });
  await startSignIn(page, client);
  await expectSignedIn(page, client);
  expect(pagesShown).toEqual([]);
});

test("a consent session revoked at the authorization server stops the refresh token", async ({ page, client, person }) => {
  const m = messages.ja;
  await startSignIn(page, client);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await allow(page, m);
  const claims = await expectSignedIn(page, client);

  await refreshTokens(page);
  await expect(page.getByRole("status")).toHaveText("Tokens refreshed.");

  const revoked = await adminFetch(
    `/admin/oauth2/auth/sessions/consent?subject=${encodeURIComponent(String(claims.sub))}&client=${encodeURIComponent(client.clientId)}`,
    { method: "DELETE" },
  );
  expect(revoked.status).toBe(204);
  await refreshTokens(page);
  await expect(page.getByRole("alert")).toHaveText("Refresh failed: invalid_grant");
});

// "é" is one code point (U+00E9) from most keyboards and two (e + U+0301) from some input methods
// and from text copied out of macOS: the same password either way (lib/identity/password.ts).
for (const javaScriptEnabled of [true, false]) {
  test.describe(`a password with accents, ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("set composed, signs in typed decomposed", async ({ page, client }) => {
      const m = messages.ja;
      const suffix = Math.random().toString(36).slice(2, 8);
      const person = await createPerson({ password: `Caf\u00e9 cr\u00e8me ${suffix}` });
      await startSignIn(page, client);
      await signIn(page, m, { identifier: person.userName, password: `Cafe\u0301 cre\u0300me ${suffix}` });
      await expectConsentScreen(page, m, APP);
      await allow(page, m);
      await expectSignedIn(page, client);
    });
  });
}

test.describe("the passkey button", () => {
  test("is in the server's HTML, so nothing below it moves when the page comes alive", async ({ page, client }) => {
    const m = messages.ja;
    await startSignIn(page, client);
    await expectLoginScreen(page, m);
    // What the browser has before any script runs: the same page as the server sends it.
    const firstHtml = await (await page.request.get(page.url())).text();
    // The rendered button, not just its label among the props React sends along.
    expect(firstHtml).toMatch(new RegExp(`<button[^>]*>${m.Passkeys.signIn}</button>`));
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("is hidden: it could not work", async ({ page, client }) => {
      const m = messages.ja;
      await startSignIn(page, client);
      await expectLoginScreen(page, m);
      await expect(page.getByRole("button", { name: m.Passkeys.signIn })).toBeHidden();
      await expect(page.getByRole("link", { name: m.Login.forgotPassword })).toBeVisible();
    });
  });
});
