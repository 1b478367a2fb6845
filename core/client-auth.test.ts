import crypto from "node:crypto";
import * as oidc from "openid-client";
import { describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { admin, Browser, createClient, rpConfig, signIn, withTestCore } from "./testing/harness";

// Key-based and HMAC-signed client authentication (RFC 7523 assertions, OIDC Core 9) and the
// per-client lifespans, proven at the token endpoint with openid-client.

let core: RunningCore;
withTestCore((started) => (core = started));

const machineClient = {
  grant_types: ["client_credentials"],
  response_types: [],
  redirect_uris: [],
  post_logout_redirect_uris: [],
  scope: "api:read",
};

const discover = (clientId: string, auth: oidc.ClientAuth) =>
  oidc.discovery(new URL(core.issuer), clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });

async function keyPair() {
  const { publicKey, privateKey } = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const jwk = { ...(await crypto.subtle.exportKey("jwk", publicKey)), kid: crypto.randomUUID(), alg: "ES256", use: "sig" };
  return { privateKey, jwk };
}

describe("client authentication", () => {
  it("gives a private_key_jwt client tokens for an assertion signed with its registered key, and nothing for another key", async () => {
    const { privateKey, jwk } = await keyPair();
    const client = await createClient(core, {
      ...machineClient,
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "ES256",
      jwks: { keys: [jwk] },
    });
    const stored = await admin(core, "GET", `/admin/clients/${client.client_id}`);
    expect(stored.body).toMatchObject({ token_endpoint_auth_method: "private_key_jwt", token_endpoint_auth_signing_alg: "ES256", jwks: { keys: [{ kid: jwk.kid }] } });

    const tokens = await oidc.clientCredentialsGrant(await discover(client.client_id, oidc.PrivateKeyJwt({ key: privateKey, kid: jwk.kid })), {
      scope: "api:read",
    });
    expect(tokens.access_token).toEqual(expect.any(String));

    const stranger = await keyPair();
    const wrongKey = await discover(client.client_id, oidc.PrivateKeyJwt({ key: stranger.privateKey, kid: jwk.kid }));
    await expect(oidc.clientCredentialsGrant(wrongKey, { scope: "api:read" })).rejects.toMatchObject({ error: "invalid_client" });
    const withSecret = await discover(client.client_id, oidc.ClientSecretBasic(client.client_secret));
    await expect(oidc.clientCredentialsGrant(withSecret, { scope: "api:read" })).rejects.toMatchObject({
      status: 401,
      cause: [{ parameters: { error: "invalid_client" } }],
    });
  });

  it("refuses private_key_jwt without keys", async () => {
    const res = await admin(core, "POST", "/admin/clients", { ...machineClient, token_endpoint_auth_method: "private_key_jwt" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_client_metadata", error_description: expect.stringMatching(/jwks/) });
  });

  it("gives a client_secret_jwt client tokens for an assertion signed with its secret, also after a PUT that keeps the secret", async () => {
    const client = await createClient(core, { ...machineClient, token_endpoint_auth_method: "client_secret_jwt" });
    const config = await discover(client.client_id, oidc.ClientSecretJwt(client.client_secret));
    expect((await oidc.clientCredentialsGrant(config, { scope: "api:read" })).access_token).toEqual(expect.any(String));

    const current = await admin(core, "GET", `/admin/clients/${client.client_id}`);
    expect((await admin(core, "PUT", `/admin/clients/${client.client_id}`, { ...current.body, client_name: "renamed" })).status).toBe(200);
    expect((await oidc.clientCredentialsGrant(config, { scope: "api:read" })).access_token).toEqual(expect.any(String));

    const forged = await discover(client.client_id, oidc.ClientSecretJwt("not-the-secret-at-all"));
    await expect(oidc.clientCredentialsGrant(forged, { scope: "api:read" })).rejects.toMatchObject({ error: "invalid_client" });
    // The secret is not stored in the clear: the row holds a hash and a sealed copy only.
    const row = await admin(core, "GET", `/admin/clients/${client.client_id}`);
    expect(JSON.stringify(row.body)).not.toContain(client.client_secret);
  });

  it("needs the secret in the body to switch an existing client to client_secret_jwt (only its hash is kept)", async () => {
    const client = await createClient(core, machineClient);
    const current = await admin(core, "GET", `/admin/clients/${client.client_id}`);
    const res = await admin(core, "PUT", `/admin/clients/${client.client_id}`, { ...current.body, token_endpoint_auth_method: "client_secret_jwt" });
    expect(res.status).toBe(400);
    expect(res.body.error_description).toMatch(/client_secret/);
    const withSecret = await admin(core, "PUT", `/admin/clients/${client.client_id}`, {
      ...current.body,
      token_endpoint_auth_method: "client_secret_jwt",
      client_secret: "a-new-secret-for-hmac",
    });
    expect(withSecret.status).toBe(200);
    const config = await discover(client.client_id, oidc.ClientSecretJwt("a-new-secret-for-hmac"));
    expect((await oidc.clientCredentialsGrant(config, { scope: "api:read" })).access_token).toEqual(expect.any(String));
  });
});

describe("per-client lifespans", () => {
  it("issues client credentials access tokens with the client's lifespan, and the server's once it is reset", async () => {
    const client = await createClient(core, { ...machineClient, client_credentials_grant_access_token_lifespan: "1m30s" });
    const config = await discover(client.client_id, oidc.ClientSecretBasic(client.client_secret));
    expect((await oidc.clientCredentialsGrant(config, { scope: "api:read" })).expires_in).toBe(90);

    const reset = await admin(core, "PUT", `/admin/clients/${client.client_id}/lifespans`, {});
    expect(reset.status).toBe(200);
    expect(reset.body.client_credentials_grant_access_token_lifespan).toBeNull();
    expect((await oidc.clientCredentialsGrant(config, { scope: "api:read" })).expires_in).toBe(core.config.accessTokenTtl);
  });

  it("issues authorization code and refresh grant tokens with the client's lifespans for each grant", async () => {
    const client = await createClient(core, {
      authorization_code_grant_access_token_lifespan: "2m",
      refresh_token_grant_access_token_lifespan: "3m",
    });
    const config = await rpConfig(core, client);
    const tokens = await signIn(new Browser(), core, config, "dana");
    expect(tokens.expires_in).toBe(120);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect(refreshed.expires_in).toBe(180);
  });
});
