import type { Page } from "@playwright/test";
import { adminFetch, createPerson } from "./support/admin";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { messages, type Messages } from "./support/messages";
import { claims, expectSignedIn, signInAgain, startSignIn } from "./screens/client-app";
import { allow } from "./screens/consent-screen";
import { expectFormError } from "./screens/account-screens";
import { expectLoginScreen, signIn } from "./screens/login-screen";

const ATTEMPTS_BEFORE_LOCK = 5;
const throttledPrefix = (template: string) => template.split("{time}")[0] ?? template;

/** One sign-in attempt, waiting until its answer is on screen and the form is ready again (the
 * previous attempt's message looks the same, so it cannot tell on its own). */
async function attemptSignIn(page: Page, m: Messages, identifier: string, password: string) {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
  await signIn(page, m, { identifier, password });
  await answered;
  await expect(page.getByRole("button", { name: m.Login.submit, exact: true })).toBeEnabled();
}

for (const locale of ["ja", "en"] as const) {
  test(`repeated wrong passwords lock the account name with a time to retry (${locale})`, async ({ browser, client, person }) => {
    const context = await browser.newContext({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    const page = await context.newPage();
    const m = messages[locale];
    await startSignIn(page, client);
    for (let i = 1; i < ATTEMPTS_BEFORE_LOCK; i++) {
      await attemptSignIn(page, m, person.userName, `wrong-${i}`);
      await expectFormError(page, m.Login.errors.invalidCredentials);
    }
    await attemptSignIn(page, m, person.userName, "wrong-last");
    const alert = page.getByRole("alert").filter({ hasText: throttledPrefix(m.Login.errors.throttled) });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(/\d{1,2}:\d{2}:\d{2}/);
    await expectAccessible(page);

    // Even the right password waits until then.
    await attemptSignIn(page, m, person.userName, person.password);
    await expect(page.getByRole("alert").filter({ hasText: throttledPrefix(m.Login.errors.throttled) })).toBeVisible();
    await expectLoginScreen(page, m);
    await context.close();
  });
}

test("an account name that does not exist is throttled the same way", async ({ page, client }) => {
  const m = messages.ja;
  const name = `nobody-${Date.now()}`;
  await startSignIn(page, client);
  for (let i = 1; i < ATTEMPTS_BEFORE_LOCK; i++) {
    await attemptSignIn(page, m, name, `wrong-${i}`);
    await expectFormError(page, m.Login.errors.invalidCredentials);
  }
  await attemptSignIn(page, m, name, "wrong-last");
  await expect(page.getByRole("alert").filter({ hasText: throttledPrefix(m.Login.errors.throttled) })).toBeVisible();
});

test("login_hint fills in the account name", async ({ page, client, person }) => {
  const m = messages.ja;
  await startSignIn(page, client, { loginHint: person.userName });
  await expectLoginScreen(page, m);
  await expect(page.getByLabel(m.Login.identifier)).toHaveValue(person.userName);
});

for (const [what, options] of [
  ["prompt=login", { prompt: "login" }],
  ["max_age=0", { maxAge: "0" }],
] as const) {
  test(`${what} asks for the password again despite a remembered session`, async ({ page, client, person }) => {
    const m = messages.ja;
    await startSignIn(page, client);
    await signIn(page, m, { identifier: person.userName, password: person.password, remember: true });
    await allow(page, m);
    const first = await expectSignedIn(page, client);

    await page.context().clearCookies({ name: /^demo_app_session_/ });
    await startSignIn(page, client, options);
    await expectLoginScreen(page, m);
    await signIn(page, m, { identifier: person.userName, password: person.password });
    const second = await expectSignedIn(page, client);
    expect(second.sub).toBe(first.sub);
    expect(Number(second.auth_time)).toBeGreaterThanOrEqual(Number(first.auth_time));
  });
}

test("an app that asks for one person (id_token_hint) does not get another", async ({ page, client, person }) => {
  const m = messages.ja;
  await startSignIn(page, client);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await allow(page, m);
  const first = await expectSignedIn(page, client);

  // The session at the authorization server ends; the app still knows who it had.
  const ended = await adminFetch(`/admin/oauth2/auth/sessions/login?subject=${encodeURIComponent(String(first.sub))}`, { method: "DELETE" });
  expect(ended.status).toBe(204);
  const someoneElse = await createPerson();
  await signInAgain(page);
  await expectLoginScreen(page, m);
  await signIn(page, m, { identifier: someoneElse.userName, password: someoneElse.password });
  await expectFormError(page, m.Login.errors.wrongAccount);
  await expectAccessible(page);

  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expectSignedIn(page, client);
  expect((await claims(page)).sub).toBe(first.sub);
});
