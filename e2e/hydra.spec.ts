import { expectAccessible } from "./support/axe";
import { AUTH_SERVER } from "./support/env";
import { expect, test } from "./support/fixtures";
import { messages } from "./support/messages";
import { startSignIn } from "./screens/client-app";
import { expectLoginScreen } from "./screens/login-screen";

// What Tobira does where real Ory Hydra v2.3 differs from the embedded core (the rest of the
// suite runs against both): no device flow, and challenges that expire with 401.

test.skip(AUTH_SERVER !== "hydra", "behaviour in front of Ory Hydra v2.3");

for (const [locale, browserLocale] of [["ja", "ja-JP"], ["en", "en-US"], ["ar", "ar"]] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale: browserLocale });

    test("/device says plainly that this authorization server does not offer device sign-in", async ({ page }) => {
      const m = messages[locale];
      await page.goto("/device");
      await expect(page).toHaveURL(/\/device$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Device.unsupportedTitle);
      await expect(page.getByText(m.Device.unsupportedBody)).toBeVisible();
      await expect(page.getByRole("textbox")).toHaveCount(0);
      await expectAccessible(page);
    });
  });
}

test("a sign-in left open past Hydra's request lifetime ends on the translated expired page", async ({ page, client, person }) => {
  // e2e/support/hydra.yml: ttl.login_consent_request is 2 minutes; waiting for it is the point.
  test.setTimeout(200_000);
  const m = messages.ja;
  await startSignIn(page, client);
  await expectLoginScreen(page, m);
  const loginUrl = page.url();
  await page.getByLabel(m.Login.identifier).fill(person.userName);
  await page.waitForTimeout(125_000);

  // The right password, after the deadline: the form says the sign-in expired, in place…
  await page.getByLabel(m.Login.password).fill(person.password);
  await page.getByLabel(m.Login.password).press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: m.Login.errors.expired })).toBeVisible();

  // …and opening the sign-in again shows the expired page, with the way back to the app.
  const response = await page.goto(loginUrl);
  expect(response?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Error.reasons.expired.title);
  await expect(page.getByText(m.Error.returnToApp)).toBeVisible();
  await expectAccessible(page);
});
