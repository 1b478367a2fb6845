import crypto from "node:crypto";
import fs from "node:fs";
import Database from "libsql";
import { calculateJwkThumbprint, exportJWK } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFile } from "./config";
import type { RunningCore } from "./index";
import { admin, Browser, challengeOf, CONSENT, continueAt, createClient, LOGIN, startTestCore, tempDir, UI, type Redirect } from "./testing/harness";

// FAPI 2.0 per client (metadata.tobira.fapi_profile) and a truthful discovery document, proven
// with openid-client as the relying party: PAR, private_key_jwt, DPoP and PKCE together; each
// rule of the profile broken is refused, when the client is written or when it asks.

let core: RunningCore;
let dataDir: string;
beforeAll(async () => {
  dataDir = tempDir();
  core = await startTestCore(dataDir);
});
afterAll(async () => {
  await core?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const REDIRECT = "https://rp.test/callback";

async function ecKey(crv: "P-256" | "P-384" = "P-256") {
  const alg = crv === "P-256" ? "ES256" : "ES384";
  const { publicKey, privateKey } = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: crv }, true, ["sign", "verify"]);
  const jwk = { ...(await crypto.subtle.exportKey("jwk", publicKey)), kid: crypto.randomUUID(), alg, use: "sig" };
  return { privateKey, jwk };
}

function rsaJwk(modulusLength: number) {
  const { publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength });
  return { ...publicKey.export({ format: "jwk" }), kid: crypto.randomUUID(), alg: "PS256", use: "sig" };
}

async function fapiBody(overrides: Record<string, unknown> = {}) {
  const { privateKey, jwk } = await ecKey();
  const body = {
    client_name: "Budget app",
    redirect_uris: [REDIRECT],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    scope: "openid offline_access accounts",
    token_endpoint_auth_method: "private_key_jwt",
    token_endpoint_auth_signing_alg: "ES256",
    jwks: { keys: [jwk] },
    metadata: { tobira: { fapi_profile: "fapi2" } },
    ...overrides,
  };
  return { body, privateKey, kid: jwk.kid };
}

async function fapiClient() {
  const { body, privateKey, kid } = await fapiBody();
  const client = await createClient(core, body);
  const config = await oidc.discovery(new URL(core.issuer), client.client_id, undefined, oidc.PrivateKeyJwt({ key: privateKey, kid }), {
    execute: [oidc.allowInsecureRequests],
  });
  return { client, config };
}

/** Login and consent accepted through the admin API, as the UI does; where the browser lands. */
async function consentTo(browser: Browser, landed: URL, scopes = ["openid", "offline_access", "accounts"]) {
  const login = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challengeOf(landed, "login_challenge")}`, { subject: "fapi-user" });
  const atConsent = await continueAt(browser, core, login.body.redirect_to);
  const consent = await admin<Redirect>(core, "PUT", `${CONSENT}/accept?consent_challenge=${challengeOf(atConsent, "consent_challenge")}`, {
    grant_scope: scopes,
  });
  return continueAt(browser, core, consent.body.redirect_to);
}

async function pushed(config: oidc.Configuration, extra: Record<string, string> = {}, options: oidc.DPoPOptions = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = await oidc.buildAuthorizationUrlWithPAR(
    config,
    {
      redirect_uri: REDIRECT,
      scope: "openid offline_access accounts",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      // OIDC Core 11: offline_access in a pushed request needs prompt=consent.
      prompt: "consent",
      state,
      ...extra,
    },
    options,
  );
  return { url, verifier, state };
}

const issuerOrigin = () => [new URL(core.issuer).origin];

describe("discovery", () => {
  it("advertises the code flow only, PAR at Hydra's path, DPoP and the request object algorithms the core verifies", async () => {
    const res = await fetch(`${core.issuer}/.well-known/openid-configuration`);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.response_types_supported).toEqual(["code"]);
    expect(doc.grant_types_supported).not.toContain("implicit");
    expect(doc.pushed_authorization_request_endpoint).toBe(`${core.issuer}/oauth2/par`);
    expect(doc.request_object_signing_alg_values_supported).toEqual(["RS256", "PS256", "ES256"]);
    expect(doc.dpop_signing_alg_values_supported).toEqual(expect.arrayContaining(["ES256", "PS256"]));
    expect(doc.authorization_response_iss_parameter_supported).toBe(true);
    expect(doc.token_endpoint_auth_methods_supported).not.toContain("tls_client_auth");
  });
});

describe("implicit and hybrid response types (RFC 9700 2.1.2)", () => {
  it("refuses a client that asks for them unless the operator enables them for it", async () => {
    for (const response_types of [["id_token"], ["code", "code id_token"], ["none"]]) {
      const res = await admin(core, "POST", "/admin/clients", { redirect_uris: ["https://rp.test/cb"], grant_types: ["authorization_code", "implicit"], response_types });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: "invalid_client_metadata", error_description: expect.stringMatching(/^response_types: .*metadata\.tobira\.allow_implicit/) });
    }
    const grantOnly = await admin(core, "POST", "/admin/clients", { redirect_uris: ["https://rp.test/cb"], grant_types: ["implicit"], response_types: ["code"] });
    expect(grantOnly.body.error_description).toMatch(/^grant_types: /);

    const enabled = await admin(core, "POST", "/admin/clients", {
      redirect_uris: ["https://rp.test/cb"],
      grant_types: ["authorization_code", "implicit"],
      response_types: ["code", "code id_token"],
      metadata: { tobira: { allow_implicit: true } },
    });
    expect(enabled.status).toBe(201);
  });

  it("answers a code-only client's hybrid request with an error, and an enabled client's with the login screen", async () => {
    const codeOnly = await createClient(core, { redirect_uris: [REDIRECT], post_logout_redirect_uris: [] });
    const hybrid = await createClient(core, {
      redirect_uris: [REDIRECT],
      post_logout_redirect_uris: [],
      grant_types: ["authorization_code", "implicit"],
      response_types: ["code", "code id_token"],
      metadata: { tobira: { allow_implicit: true } },
    });
    const ask = (clientId: string) => {
      const url = new URL("/oauth2/auth", core.issuer);
      url.search = new URLSearchParams({ client_id: clientId, response_type: "code id_token", scope: "openid", redirect_uri: REDIRECT, nonce: "n", state: "s" }).toString();
      return new Browser().follow(url.href, issuerOrigin());
    };
    const refused = await ask(codeOnly.client_id);
    const answer = new URLSearchParams(refused.hash.slice(1));
    expect(answer.get("error")).toBe("invalid_request");
    expect(answer.get("error_description")).toBe("requested response_type is not allowed for this client");
    expect((await ask(hybrid.client_id)).pathname).toBe("/login");
  });
});

describe("registering a fapi2 client", () => {
  it("accepts a client that follows every rule, and keeps its profile in metadata", async () => {
    const { body } = await fapiBody({ jwks: { keys: [rsaJwk(2048)] }, token_endpoint_auth_signing_alg: "PS256" });
    const res = await admin(core, "POST", "/admin/clients", body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ metadata: { tobira: { fapi_profile: "fapi2" } }, token_endpoint_auth_method: "private_key_jwt" });
  });

  it.each([
    ["an unknown profile", { metadata: { tobira: { fapi_profile: "fapi3" } } }, "metadata.tobira.fapi_profile"],
    ["FAPI 1.0 Advanced (needs mTLS)", { metadata: { tobira: { fapi_profile: "fapi1-advanced" } } }, "metadata.tobira.fapi_profile"],
    ["a symmetric client authentication", { token_endpoint_auth_method: "client_secret_jwt", jwks: null, token_endpoint_auth_signing_alg: "HS256" }, "token_endpoint_auth_method"],
    ["a client secret", { token_endpoint_auth_method: "client_secret_basic", jwks: null, token_endpoint_auth_signing_alg: "" }, "token_endpoint_auth_method"],
    ["a public client", { token_endpoint_auth_method: "none", jwks: null, token_endpoint_auth_signing_alg: "" }, "token_endpoint_auth_method"],
    ["RS256 assertions", { token_endpoint_auth_signing_alg: "RS256" }, "token_endpoint_auth_signing_alg"],
    ["no assertion algorithm", { token_endpoint_auth_signing_alg: "" }, "token_endpoint_auth_signing_alg"],
    ["a 1024-bit RSA key", { jwks: { keys: [rsaJwk(1024)] } }, "jwks"],
    ["a symmetric key", { jwks: { keys: [{ kty: "oct", k: crypto.randomBytes(32).toString("base64url"), kid: "k" }] } }, "jwks"],
    ["keys by reference", { jwks: null, jwks_uri: "https://rp.test/jwks.json" }, "jwks_uri"],
    ["an http redirect URI", { redirect_uris: ["http://rp.test/callback"] }, "redirect_uris"],
    ["a custom-scheme redirect URI", { redirect_uris: ["com.example.app:/callback"] }, "redirect_uris"],
    ["the hybrid flow", { response_types: ["code id_token"], grant_types: ["authorization_code", "implicit"], metadata: { tobira: { fapi_profile: "fapi2", allow_implicit: true } } }, "response_types"],
    ["RS256 request objects", { request_object_signing_alg: "RS256" }, "request_object_signing_alg"],
    ["RS256 ID tokens", { id_token_signed_response_alg: "RS256" }, "id_token_signed_response_alg"],
  ])("refuses %s with a 400 naming the field", async (_name, overrides, field) => {
    const { body } = await fapiBody(overrides);
    const res = await admin(core, "POST", "/admin/clients", body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_client_metadata" });
    expect(String(res.body.error_description)).toMatch(new RegExp(`^${field.replaceAll(".", "\\.")}: `));
  });

  it("accepts an http redirect URI on a loopback address (native apps, RFC 8252)", async () => {
    const { body } = await fapiBody({ redirect_uris: ["http://127.0.0.1:8123/callback"] });
    expect((await admin(core, "POST", "/admin/clients", body)).status).toBe(201);
  });

  it("checks the rules on PUT and PATCH too", async () => {
    const { client } = await fapiClient();
    const current = await admin(core, "GET", `/admin/clients/${client.client_id}`);
    const put = await admin(core, "PUT", `/admin/clients/${client.client_id}`, { ...current.body, redirect_uris: ["http://rp.test/callback"] });
    expect(put.status).toBe(400);
    expect(put.body.error_description).toMatch(/^redirect_uris: /);
    const patch = await admin(core, "PATCH", `/admin/clients/${client.client_id}`, [{ op: "replace", path: "/token_endpoint_auth_method", value: "client_secret_post" }]);
    expect(patch.status).toBe(400);
    expect(patch.body.error_description).toMatch(/^token_endpoint_auth_method: /);
    // An ordinary client may become a fapi2 client only once it follows the rules.
    const plain = await createClient(core, { redirect_uris: [REDIRECT] });
    const promote = await admin(core, "PATCH", `/admin/clients/${plain.client_id}`, [{ op: "add", path: "/metadata/tobira", value: { fapi_profile: "fapi2" } }]);
    expect(promote.status).toBe(400);
    expect(promote.body.error_description).toMatch(/^token_endpoint_auth_method: /);
  });
});

describe("a FAPI 2.0 flow with openid-client", () => {
  it("signs in with PAR, private_key_jwt, PKCE and DPoP, and the access token works only with its DPoP key", async () => {
    const { client, config } = await fapiClient();
    const dpopKey = await oidc.randomDPoPKeyPair("ES256");
    const DPoP = oidc.getDPoPHandle(config, dpopKey);
    // Userinfo takes tokens for OpenID Connect's scopes only (README, "Known differences").
    const { url, verifier, state } = await pushed(config, { scope: "openid offline_access" }, { DPoP });
    expect(url.searchParams.get("request_uri")).toMatch(/^urn:ietf:params:oauth:request_uri:/);

    const browser = new Browser();
    const callback = await consentTo(browser, await browser.follow(url.href, issuerOrigin()), ["openid", "offline_access"]);
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get("iss")).toBe(core.issuer);

    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }, undefined, { DPoP });
    expect(tokens.token_type.toLowerCase()).toBe("dpop");
    expect(tokens.expires_in).toBeGreaterThan(0);

    const introspected = await fetch(`${core.adminUrl}/admin/oauth2/introspect`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    const thumbprint = await calculateJwkThumbprint(await exportJWK(dpopKey.publicKey));
    expect(await introspected.json()).toMatchObject({ active: true, client_id: client.client_id, token_type: "DPoP", cnf: { jkt: thumbprint } });

    const claims = tokens.claims();
    expect((await oidc.fetchUserInfo(config, tokens.access_token, claims?.sub ?? "", { DPoP })).sub).toBe("fapi-user");

    // A stolen token without its key: as a bearer token, or with a proof made with another key.
    const asBearer = await fetch(`${core.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(asBearer.status).toBe(401);
    const thief = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair("ES256"));
    await expect(oidc.fetchUserInfo(config, tokens.access_token, oidc.skipSubjectCheck, { DPoP: thief })).rejects.toMatchObject({ status: 401 });
    // The refresh token is bound to the key too.
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token ?? "")).rejects.toMatchObject({ error: "invalid_grant" });
    expect((await oidc.refreshTokenGrant(config, tokens.refresh_token ?? "", undefined, { DPoP })).token_type.toLowerCase()).toBe("dpop");
  });

  it("gives the code 60 seconds at most, while other clients keep the server's lifetime", async () => {
    const { config } = await fapiClient();
    const DPoP = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair("ES256"));
    const { url } = await pushed(config, {}, { DPoP });
    const browser = new Browser();
    const callback = await consentTo(browser, await browser.follow(url.href, issuerOrigin()));
    const code = callback.searchParams.get("code") ?? "";
    const db = new Database(sqliteFile(core.config), { readonly: true });
    try {
      const row = db.prepare("SELECT expires_at, payload FROM oidc_payloads WHERE kind = 'AuthorizationCode'").all() as Array<{ expires_at: number; payload: string }>;
      const ours = row.map((r) => ({ exp: Number(r.expires_at), payload: JSON.parse(r.payload) as { iat: number; jti: string } })).find((r) => code.startsWith(r.payload.jti) || code.includes(r.payload.jti));
      expect(ours).toBeDefined();
      expect((ours?.exp ?? 0) - (ours?.payload.iat ?? 0)).toBe(60);
    } finally {
      db.close();
    }
    expect(core.config.authorizationCodeTtl).toBe(600);
  });
});

describe("a pushed request that ran out (RFC 9126 §4)", () => {
  const errorPage = (landed: URL) => `${landed.origin}${landed.pathname}?error=${landed.searchParams.get("error")}`;

  it("sends the browser to the UI's error page with invalid_request_uri once it expired", async () => {
    const { config } = await fapiClient();
    const { url } = await pushed(config, {}, { DPoP: oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair("ES256")) });
    const id = (url.searchParams.get("request_uri") ?? "").split(":").at(-1) ?? "";
    const db = new Database(sqliteFile(core.config));
    try {
      const row = db.prepare("SELECT payload FROM oidc_payloads WHERE kind = 'PushedAuthorizationRequest' AND id = ?").get(id) as { payload: string } | undefined;
      expect(row).toBeDefined();
      const payload = JSON.parse(row?.payload ?? "{}") as { exp: number; iat: number };
      // At most 600 s (FAPI 2.0 5.3.2.2 item 5 asks for less); oidc-provider gives 60.
      expect(payload.exp - payload.iat).toBeLessThanOrEqual(600);
      db.prepare("UPDATE oidc_payloads SET payload = ? WHERE kind = 'PushedAuthorizationRequest' AND id = ?").run(JSON.stringify({ ...payload, exp: payload.iat - 1 }), id);
    } finally {
      db.close();
    }
    expect(errorPage(await new Browser().follow(url.href, issuerOrigin()))).toBe(`${UI}/error?error=invalid_request_uri`);
  });

  it("answers the same once it was used", async () => {
    const { config } = await fapiClient();
    const { url } = await pushed(config, {}, { DPoP: oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair("ES256")) });
    const browser = new Browser();
    expect((await consentTo(browser, await browser.follow(url.href, issuerOrigin()))).searchParams.get("code")).toEqual(expect.any(String));
    expect(errorPage(await new Browser().follow(url.href, issuerOrigin()))).toBe(`${UI}/error?error=invalid_request_uri`);
  });
});

describe("each fapi2 rule broken at request time", () => {
  it("refuses an authorization request that was not pushed", async () => {
    const { config } = await fapiClient();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: "openid",
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
      state: "s",
    });
    const landed = await new Browser().follow(url.href, issuerOrigin());
    expect(landed.pathname).not.toBe("/login");
    expect(landed.searchParams.get("error")).toBe("invalid_request");
  });

  it("refuses a pushed request without PKCE", async () => {
    const { config } = await fapiClient();
    await expect(oidc.buildAuthorizationUrlWithPAR(config, { redirect_uri: REDIRECT, scope: "openid", state: "s" })).rejects.toMatchObject({
      error: "invalid_request",
      error_description: expect.stringMatching(/PKCE/),
    });
  });

  it("refuses a code exchanged without a DPoP proof (no bearer tokens for a fapi2 client)", async () => {
    const { config } = await fapiClient();
    const { url, verifier, state } = await pushed(config);
    const browser = new Browser();
    const callback = await consentTo(browser, await browser.follow(url.href, issuerOrigin()));
    await expect(oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state })).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });

  it("refuses a client assertion signed with a key the client did not register", async () => {
    const { client } = await fapiClient();
    const stranger = await ecKey();
    const forged = await oidc.discovery(new URL(core.issuer), client.client_id, undefined, oidc.PrivateKeyJwt({ key: stranger.privateKey, kid: stranger.jwk.kid }), {
      execute: [oidc.allowInsecureRequests],
    });
    await expect(pushed(forged)).rejects.toMatchObject({ error: "invalid_client" });
  });
});
