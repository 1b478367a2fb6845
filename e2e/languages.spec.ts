import { deleteClient } from "./support/admin";
import { loginPageUrl, registerClient } from "./support/authorize";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { messages } from "./support/messages";
import type { Page } from "@playwright/test";
import { expectSignedIn, signOut, startSignIn } from "./screens/client-app";
import { allow, expectConsentScreen } from "./screens/consent-screen";
import { switchLanguage } from "./screens/language-switcher";
import { expectLoginScreen, signIn } from "./screens/login-screen";
import { confirmLogout, expectLogoutScreen } from "./screens/logout-screen";

test("ui_locales \"fr ja\" gives Japanese and \"ar\" gives right-to-left Arabic, in the first HTML", async ({ request }) => {
  const clientId = await registerClient();
  try {
    const ja = await (await request.get(await loginPageUrl(request, clientId, "fr ja"), { headers: { "accept-language": "en" } })).text();
    expect(ja).toMatch(/<html lang="ja" dir="ltr"/);
    const ar = await (await request.get(await loginPageUrl(request, clientId, "ar"))).text();
    expect(ar).toMatch(/<html lang="ar" dir="rtl"/);
    expect(ar).toContain(messages.ar.Login.identifier);
  } finally {
    await deleteClient(clientId);
  }
});

test.describe("in Arabic", () => {
  test.use({ locale: "ar" });

  test("a person signs in, allows and signs out right to left, every screen accessible", async ({ page, client, person }) => {
    const m = messages.ar;
    await startSignIn(page, client, { uiLocales: "ar" });
    await expectLoginScreen(page, m);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expectAccessible(page);
    await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
    await expectConsentScreen(page, m, "Kakeibo Test App");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expectAccessible(page);
    await allow(page, m);
    await expectSignedIn(page, client);

    await signOut(page);
    await expectLogoutScreen(page, m);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expectAccessible(page);
    await confirmLogout(page, m);
  });
});

test.describe("the language switcher", () => {
  test.use({ javaScriptEnabled: false });

  test("keeps the sign-in going, without JavaScript, and outranks ui_locales for the session", async ({ page, client, person }) => {
    await startSignInWithoutScript(page, client.app.url);
    await expectLoginScreen(page, messages.ja);
    const before = page.url();

    await switchLanguage(page, messages.ja, "en");
    expect(page.url()).toBe(before);
    await expectLoginScreen(page, messages.en);

    // The app asked for ja, but the person chose English: the next screen stays English.
    await signIn(page, messages.en, { identifier: person.userName, password: person.password });
    await expectConsentScreen(page, messages.en, "Kakeibo Test App");
    await switchLanguage(page, messages.en, "ar");
    await expectConsentScreen(page, messages.ar, "Kakeibo Test App");
    await allow(page, messages.ar);
    await expect(page).toHaveURL(new RegExp(`^${client.app.url}/`));
  });

  test("only ever returns to a path on this site, and ignores other sites' posts", async ({ page }) => {
    const post = (back: string, site = "same-origin") =>
      page.request.post("/language", { form: { locale: "en", return: back }, headers: { "sec-fetch-site": site }, maxRedirects: 0 });
    for (const back of ["//evil.example/steal", "https://evil.example/", "/\\evil.example"]) {
      expect((await post(back)).headers().location).toBe("/");
    }
    expect((await post("/login?login_challenge=abc")).headers().location).toBe("/login?login_challenge=abc");
    expect((await post("/", "cross-site")).headers()["set-cookie"]).toBeUndefined();
  });
});

/** The demo app's sign-in form, posted without JavaScript, with ui_locales=ja added on the way. */
async function startSignInWithoutScript(page: Page, appUrl: string) {
  await page.route(`${appUrl}/login`, (route) =>
    route.continue({ postData: "ui_locales=ja", headers: { ...route.request().headers(), "content-type": "application/x-www-form-urlencoded" } }),
  );
  await page.goto(appUrl);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.unroute(`${appUrl}/login`);
}
