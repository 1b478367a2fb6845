import * as oidc from "openid-client";
import { describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import {
  admin,
  Browser,
  challengeOf,
  CONSENT,
  continueAt,
  createClient,
  LOGIN,
  rpConfig,
  startAuthorization,
  withTestCore,
  type Redirect,
  type TestClient,
} from "./testing/harness";

// DELETE /admin/oauth2/tokens?client_id= (Hydra's deleteOAuth2Token): the client's access tokens
// end, another client's do not. Hydra deletes access tokens only; refresh tokens stay active.

let core: RunningCore;
withTestCore((started) => (core = started));

async function tokensFor(client: TestClient) {
  const browser = new Browser();
  const config = await rpConfig(core, client);
  const started = await startAuthorization(browser, core, config);
  const login = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challengeOf(started.landed, "login_challenge")}`, { subject: "user-t" });
  const consentAt = await continueAt(browser, core, login.body.redirect_to);
  const consent = await admin<Redirect>(core, "PUT", `${CONSENT}/accept?consent_challenge=${challengeOf(consentAt, "consent_challenge")}`, {
    grant_scope: ["openid", "offline_access"],
  });
  return oidc.authorizationCodeGrant(config, await continueAt(browser, core, consent.body.redirect_to), {
    pkceCodeVerifier: started.verifier,
    expectedState: started.state,
    expectedNonce: started.nonce,
  });
}

async function active(token: string | undefined): Promise<boolean> {
  const res = await fetch(`${core.adminUrl}/admin/oauth2/introspect`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: token ?? "" }),
  });
  return ((await res.json()) as { active: boolean }).active;
}

async function clientCredentialsToken(client: TestClient): Promise<string> {
  const res = await fetch(`${core.issuer}/oauth2/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("DELETE /admin/oauth2/tokens", () => {
  it("ends every access token of the client, and only of that client", async () => {
    const client = await createClient(core, { grant_types: ["authorization_code", "refresh_token", "client_credentials"] });
    const other = await createClient(core);
    const mine = await tokensFor(client);
    const machine = await clientCredentialsToken(client);
    const theirs = await tokensFor(other);
    expect([await active(mine.access_token), await active(machine), await active(theirs.access_token)]).toEqual([true, true, true]);

    const res = await fetch(`${core.adminUrl}/admin/oauth2/tokens?client_id=${encodeURIComponent(client.client_id)}`, { method: "DELETE" });
    expect(res.status).toBe(204);

    expect(await active(mine.access_token)).toBe(false);
    expect(await active(machine)).toBe(false);
    expect(await active(mine.refresh_token)).toBe(true);
    expect(await active(theirs.access_token)).toBe(true);
    expect(await active(theirs.refresh_token)).toBe(true);
  });

  it("needs client_id", async () => {
    expect((await admin(core, "DELETE", "/admin/oauth2/tokens")).status).toBe(400);
  });
});
