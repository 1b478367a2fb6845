import fs from "node:fs";
import * as oidc from "openid-client";
import { describe, expect, it } from "vitest";
import {
  admin,
  Browser,
  challengeOf,
  continueAt,
  createClient,
  rpConfig,
  startAuthorization,
  startTestCore,
  resetStorage,
  storageCases,
  tempDir,
  type Redirect,
} from "./testing/harness";

// A restart loses nothing: clients, signing keys, grants and refresh tokens survive, on the
// embedded SQLite file and (when DATABASE_URL is set) on PostgreSQL.

const engines = storageCases("tobira_core_test_restart");

describe.each(engines)("restart on %s", (_name, storage) => {
  it.runIf(storage !== undefined)("keeps clients, keys and refresh tokens across a restart", async () => {
    await resetStorage(storage);
    const dir = tempDir();
    let running = await startTestCore(dir, storage);
    try {
      const client = await createClient(running, { metadata: { kept: true } });
      const browser = new Browser();
      const config = await rpConfig(running, client);
      const started = await startAuthorization(browser, running, config);
      const login = await admin<Redirect>(running, "PUT", `/admin/oauth2/auth/requests/login/accept?login_challenge=${challengeOf(started.landed, "login_challenge")}`, {
        subject: "user-r",
        remember: true,
      });
      const consentAt = await continueAt(browser, running, login.body.redirect_to);
      const consent = await admin<Redirect>(running, "PUT", `/admin/oauth2/auth/requests/consent/accept?consent_challenge=${challengeOf(consentAt, "consent_challenge")}`, {
        grant_scope: ["openid", "offline_access"],
        remember: true,
        session: { id_token: { email: "r@example.test" } },
      });
      const callback = await continueAt(browser, running, consent.body.redirect_to);
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: started.verifier,
        expectedState: started.state,
        expectedNonce: started.nonce,
      });
      const kidBefore = JSON.parse(Buffer.from((tokens.id_token ?? "").split(".")[0] ?? "", "base64url").toString()).kid;
      const port = Number(new URL(running.issuer).port);
      await running.close();

      running = await startTestCore(dir, { ...storage, publicPort: port, issuer: `http://127.0.0.1:${port}` });
      expect((await admin(running, "GET", `/admin/clients/${client.client_id}`)).body).toMatchObject({ metadata: { kept: true } });
      const configAfter = await rpConfig(running, client);
      const refreshed = await oidc.refreshTokenGrant(configAfter, tokens.refresh_token ?? "");
      expect(refreshed.claims()).toMatchObject({ sub: "user-r", email: "r@example.test" });
      const kidAfter = JSON.parse(Buffer.from((refreshed.id_token ?? "").split(".")[0] ?? "", "base64url").toString()).kid;
      expect(kidAfter).toBe(kidBefore);

      // The browser's login session survived too: the next login request is skippable.
      const again = await startAuthorization(browser, running, configAfter);
      const request = await admin(running, "GET", `/admin/oauth2/auth/requests/login?login_challenge=${challengeOf(again.landed, "login_challenge")}`);
      expect(request.body).toMatchObject({ skip: true, subject: "user-r" });
    } finally {
      await running.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
