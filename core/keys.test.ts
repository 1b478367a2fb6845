import fs from "node:fs";
import { Configuration, JwkApi } from "@ory/hydra-client-fetch";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
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
  resetStorage,
  startAuthorization,
  startTestCore,
  storageCases,
  tempDir,
  withTestCore,
  type Redirect,
  type StartedAuthorization,
  type TestClient,
} from "./testing/harness";

// Hydra's JSON Web Key API on the core: rotating the ID token key (hydra.openid.id-token) signs
// new ID tokens with the new key while tokens signed before still verify against jwks.json, on
// SQLite and PostgreSQL, across a restart. Driven through Ory's SDK where it has a call.

const ID_TOKEN_SET = "hydra.openid.id-token";

async function signIn(core: RunningCore, client: TestClient) {
  const browser = new Browser();
  const config = await rpConfig(core, client);
  return finishSignIn(core, browser, config, await startAuthorization(browser, core, config));
}

async function finishSignIn(core: RunningCore, browser: Browser, config: oidc.Configuration, started: StartedAuthorization) {
  const login = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challengeOf(started.landed, "login_challenge")}`, { subject: "user-k" });
  const consentAt = await continueAt(browser, core, login.body.redirect_to);
  const consent = await admin<Redirect>(core, "PUT", `${CONSENT}/accept?consent_challenge=${challengeOf(consentAt, "consent_challenge")}`, {
    grant_scope: ["openid", "offline_access"],
  });
  const tokens = await oidc.authorizationCodeGrant(config, await continueAt(browser, core, consent.body.redirect_to), {
    pkceCodeVerifier: started.verifier,
    expectedState: started.state,
    expectedNonce: started.nonce,
  });
  return { config, tokens };
}

const kidOf = (jwt: string | undefined) => decodeProtectedHeader(jwt ?? "").kid;

async function publicJwks(core: RunningCore): Promise<JSONWebKeySet> {
  return (await (await fetch(`${core.issuer}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
}

/** Verifies an ID token the way an RP does: against the keys the core publishes now. */
async function verifies(core: RunningCore, idToken: string | undefined): Promise<boolean> {
  try {
    await jwtVerify(idToken ?? "", createLocalJWKSet(await publicJwks(core)), { issuer: core.issuer });
    return true;
  } catch {
    return false;
  }
}

const jwkApi = (core: RunningCore) => new JwkApi(new Configuration({ basePath: core.adminUrl, accessToken: core.config.adminToken }));

describe.each(storageCases("tobira_core_test_keys"))("ID token key rotation on %s", (_name, storage) => {
  it.runIf(storage !== undefined)("signs with a new key at once, keeps verifying old tokens, and keeps the new key after a restart", async () => {
    await resetStorage(storage);
    const dir = tempDir();
    let core = await startTestCore(dir, storage);
    try {
      const client = await createClient(core);
      const before = await signIn(core, client);
      const oldKid = kidOf(before.tokens.id_token);
      // A sign-in under way while the key changes, and requests arriving during the change.
      const browser = new Browser();
      const config = await rpConfig(core, client);
      const pending = await startAuthorization(browser, core, config);

      const [created, ...during] = await Promise.all([
        jwkApi(core).createJsonWebKeySet({ set: ID_TOKEN_SET, createJsonWebKeySet: { alg: "RS256", kid: "rotated-1", use: "sig" } }),
        ...Array.from({ length: 20 }, () => fetch(`${core.issuer}/.well-known/jwks.json`).then((res) => res.status)),
      ]);
      expect(created.keys?.map((key) => [key.kid, key.alg, key.use, typeof key.d])).toEqual([["rotated-1", "RS256", "sig", "string"]]);
      expect(during.every((status) => status === 200)).toBe(true);

      const after = await finishSignIn(core, browser, config, pending);
      expect(kidOf(after.tokens.id_token)).toBe("rotated-1");
      expect(await verifies(core, after.tokens.id_token)).toBe(true);
      expect(await verifies(core, before.tokens.id_token)).toBe(true);
      const published = await publicJwks(core);
      expect(published.keys.map((key) => key.kid)).toEqual(expect.arrayContaining(["rotated-1", oldKid]));
      expect(published.keys.every((key) => key.d === undefined)).toBe(true);

      const port = Number(new URL(core.issuer).port);
      await core.close();
      core = await startTestCore(dir, { ...storage, publicPort: port, issuer: `http://127.0.0.1:${port}` });
      const refreshed = await oidc.refreshTokenGrant(await rpConfig(core, client), before.tokens.refresh_token ?? "");
      expect(kidOf(refreshed.id_token)).toBe("rotated-1");
      expect(await verifies(core, before.tokens.id_token)).toBe(true);

      // Deleting the old key unpublishes it: what it signed no longer verifies.
      expect((await admin(core, "DELETE", `/admin/keys/${ID_TOKEN_SET}/${oldKid}`)).status).toBe(204);
      expect(await verifies(core, before.tokens.id_token)).toBe(false);
      expect(await verifies(core, refreshed.id_token)).toBe(true);
    } finally {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the JSON Web Key API", () => {
  let core: RunningCore;
  withTestCore((started) => (core = started));

  it("lists the ID token set with its private keys, newest first, and refuses keys it cannot sign with", async () => {
    const set = await jwkApi(core).getJsonWebKeySet({ set: ID_TOKEN_SET });
    expect(set.keys?.map((key) => key.alg).sort()).toEqual(["ES256", "RS256"]);
    expect(set.keys?.every((key) => typeof key.d === "string")).toBe(true);

    const rsa = set.keys?.find((key) => key.alg === "RS256");
    const publicOnly = { kty: "RSA", kid: "public-only", alg: "RS256", use: "sig", n: rsa?.n, e: rsa?.e };
    const refused = await admin(core, "PUT", `/admin/keys/${ID_TOKEN_SET}/public-only`, publicOnly);
    expect(refused.status).toBe(400);
    const symmetric = await admin(core, "POST", `/admin/keys/${ID_TOKEN_SET}`, { alg: "HS256", kid: "shared", use: "sig" });
    expect(symmetric.status).toBe(400);
    expect((await admin<{ keys: Array<{ kid: string }> }>(core, "GET", `/admin/keys/${ID_TOKEN_SET}`)).body.keys.map((key) => key.kid)).toEqual(
      set.keys?.map((key) => key.kid),
    );
  });

  it("replaces the ID token set: the first key given signs, and emptying it brings fresh defaults", async () => {
    const imported = { ...(await jwkApi(core).createJsonWebKeySet({ set: "staging", createJsonWebKeySet: { alg: "RS256", kid: "imported", use: "sig" } })).keys?.[0] };
    const replaced = await admin<{ keys: Array<{ kid: string; alg: string }> }>(core, "PUT", `/admin/keys/${ID_TOKEN_SET}`, { keys: [imported] });
    expect(replaced.status).toBe(200);
    // The set keeps an ES256 key (made afresh), so clients that ask for ES256 keep working.
    expect(replaced.body.keys.map((key) => key.alg).sort()).toEqual(["ES256", "RS256"]);
    expect(replaced.body.keys.find((key) => key.alg === "RS256")?.kid).toBe("imported");
    const client = await createClient(core);
    expect(kidOf((await signIn(core, client)).tokens.id_token)).toBe("imported");

    expect((await admin(core, "DELETE", `/admin/keys/${ID_TOKEN_SET}`)).status).toBe(204);
    const fresh = await admin<{ keys: Array<{ kid: string; alg: string }> }>(core, "GET", `/admin/keys/${ID_TOKEN_SET}`);
    expect(fresh.body.keys.map((key) => key.alg).sort()).toEqual(["ES256", "RS256"]);
    expect(fresh.body.keys.map((key) => key.kid)).not.toContain("imported");
    expect((await publicJwks(core)).keys.map((key) => key.kid)).not.toContain("imported");
  });

  it("keeps other sets as plain storage: create, read, replace a key, delete", async () => {
    const created = await admin<{ keys: Array<Record<string, unknown>> }>(core, "POST", "/admin/keys/my-app", { alg: "HS256", kid: "k1", use: "sig" });
    expect(created.status).toBe(201);
    expect(created.body.keys[0]).toMatchObject({ kty: "oct", kid: "k1", alg: "HS256", use: "sig", k: expect.any(String) });
    expect((await admin(core, "POST", "/admin/keys/my-app", { alg: "HS256", kid: "k1", use: "sig" })).status).toBe(409);
    expect((await admin(core, "POST", "/admin/keys/my-app", { alg: "XX1", kid: "k2", use: "sig" })).status).toBe(400);

    const put = await admin(core, "PUT", "/admin/keys/my-app/k1", { kty: "oct", kid: "k1", alg: "HS512", use: "sig", k: "c2VjcmV0" });
    expect(put.body).toMatchObject({ kid: "k1", alg: "HS512" });
    expect((await admin(core, "GET", "/admin/keys/my-app/k1")).body).toEqual({ keys: [{ kty: "oct", kid: "k1", alg: "HS512", use: "sig", k: "c2VjcmV0" }] });
    expect((await publicJwks(core)).keys.map((key) => key.kid)).not.toContain("k1");

    expect((await admin(core, "DELETE", "/admin/keys/my-app/k1")).status).toBe(204);
    expect((await admin(core, "GET", "/admin/keys/my-app/k1")).status).toBe(404);
    expect((await admin(core, "GET", "/admin/keys/my-app")).status).toBe(404);
  });
});
