import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { createPerson, type Person } from "./support/admin";
import { AUTH_SERVER } from "./support/env";
import { expect, test, type TestClient } from "./support/fixtures";
import { messages } from "./support/messages";
import { ownTobira, startOwnClient, startOwnCore, startOwnUi, type RunningServer } from "./support/own-servers";
import { expectSignedIn, startSignIn } from "./screens/client-app";
import { signIn } from "./screens/login-screen";
import { proveAddress } from "./screens/first-factor-screen";
import { enterAppCode, enterRecoveryCode, expectCodeError, expectReason, expectStepUpScreen } from "./screens/mfa-screen";
import { addAuthenticatorApp, expectManaging, openSecurity } from "./screens/security-screen";

// Changing TOBIRA_SECRET (README "Rotating the secret"). A person sets up an authenticator app
// under one secret; the operator then changes it:
// 1. without keeping the old one: the app's codes cannot be checked, and the person is told to
//    try again — more often than the lock allows, without being locked;
// 2. with the old one in TOBIRA_SECRET_PREVIOUS: the app's code and a recovery code sign in;
// 3. once the old secret is dropped: still, because what it sealed was sealed again.
// The spec runs its own core and UI (e2e/support/own-servers.ts), restarted between the steps.

const m = messages.en;
const APP = "Rotation Test App";
const LOA3 = "urn:tobira:loa:3";
const OLD = "e2e-rotation-old-secret-not-for-production-0001";
const NEW = "e2e-rotation-new-secret-not-for-production-0002";

test.skip(AUTH_SERVER === "hydra", "runs its own embedded core; with Hydra the UI's part is the same");

const tobira = ownTobira("rotation", 3195);
const running: { core?: RunningServer; ui?: RunningServer } = {};

async function restartUi(env: Record<string, string>) {
  await running.ui?.stop();
  running.ui = await startOwnUi(tobira, env);
}

/** The core reads the same variables (its cookies, sealed client secrets and pairwise salt). */
async function restartBoth(env: Record<string, string>) {
  await Promise.all([running.ui?.stop(), running.core?.stop()]);
  running.core = await startOwnCore(tobira, env);
  await restartUi(env);
}

/** A fresh browser (no session anywhere) signs in to the app with the password and lands on the second-factor step. */
async function signInToSecondFactor(browser: Browser, client: TestClient, person: Person, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ baseURL: tobira.uiUrl, locale: "en-US", javaScriptEnabled });
  const page = await context.newPage();
  await startSignIn(page, client);
  await signIn(page, m, { identifier: person.userName, password: person.password });
  await expectStepUpScreen(page, m);
  await expectReason(page, m, "client");
  return page;
}

async function expectLevel3(page: Page, client: TestClient) {
  expect(await expectSignedIn(page, client)).toMatchObject({ acr: LOA3 });
  await page.context().close();
}

test.afterAll(async () => {
  await Promise.all([running.ui?.stop(), running.core?.stop()]);
});

test("after TOBIRA_SECRET changes, people sign in with their authenticator app and recovery codes while the old secret is kept", async ({ browser }) => {
  test.setTimeout(300_000);
  fs.rmSync(tobira.dataDir, { recursive: true, force: true });
  await restartBoth({ TOBIRA_SECRET: OLD });
  const person = await createPerson({}, tobira.uiUrl);
  const client = await startOwnClient(tobira, { name: APP, metadata: { tobira: { require_mfa: true } } });
  try {
    const setup = await browser.newContext({ baseURL: tobira.uiUrl, locale: "en-US" });
    const page = await setup.newPage();
    await openSecurity(page, m, person);
    await expectManaging(page, m);
    await proveAddress(page, m, person.email);
    const { app, codes } = await addAuthenticatorApp(page, m, { expectCodes: true });
    await setup.close();

    // 1. The UI restarted with the old secret forgotten: "try again", right code or wrong, and
    //    never "locked".
    await restartUi({ TOBIRA_SECRET: NEW });
    const lost = await signInToSecondFactor(browser, client, person);
    await enterAppCode(lost, m, await app.next());
    await expectCodeError(lost, m, "internal");
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await enterAppCode(lost, m, attempt % 2 ? app.lastCode : app.wrong());
      await expectCodeError(lost, m, "internal");
    }
    await lost.context().close();

    // 2. The old secret kept: the app's code (with JavaScript) and a recovery code (without).
    await restartBoth({ TOBIRA_SECRET: NEW, TOBIRA_SECRET_PREVIOUS: OLD });
    const withApp = await signInToSecondFactor(browser, client, person);
    await enterAppCode(withApp, m, await app.next());
    await expectLevel3(withApp, client);
    const withCode = await signInToSecondFactor(browser, client, person, false);
    await enterRecoveryCode(withCode, m, codes[0] ?? "");
    await expectLevel3(withCode, client);

    // 3. The old secret dropped: what it sealed was sealed again with the new one.
    await restartBoth({ TOBIRA_SECRET: NEW });
    const later = await signInToSecondFactor(browser, client, person);
    await enterAppCode(later, m, await app.next());
    await expectLevel3(later, client);
    const lastCode = await signInToSecondFactor(browser, client, person, false);
    await enterRecoveryCode(lastCode, m, codes[1] ?? "");
    await expectLevel3(lastCode, client);
  } finally {
    await client.app.close();
  }
});
