import type { Page } from "@playwright/test";
import type { Person } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { expect, test, type TestClient } from "./support/fixtures";
import { messages, type Messages } from "./support/messages";
import { expectSignedIn, signOut, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import { expectLoginScreen, signIn } from "./screens/login-screen";
import { confirmLogout, expectLogoutScreen, staySignedIn } from "./screens/logout-screen";

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
