import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { admin, Browser, createClient, rpConfig, signIn, withTestCore } from "./testing/harness";

// Keys and algorithms a client registers: a jwks_uri the core fetches (here from 127.0.0.1, so
// private addresses are allowed, as in Hydra's default), and the algorithms of its ID tokens and
// signed userinfo responses.

let core: RunningCore;
withTestCore((started) => (core = started), { clientsHttpDisallowPrivateIpRanges: false });

let keys: { keys: JsonWebKey[] } = { keys: [] };
let server: http.Server;
let jwksUri: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(keys)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("client keys and algorithms", () => {
  it("authenticates a private_key_jwt client with a key from its jwks_uri", async () => {
    const { publicKey, privateKey } = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const kid = crypto.randomUUID();
    keys = { keys: [{ ...(await crypto.subtle.exportKey("jwk", publicKey)), kid, alg: "ES256", use: "sig" } as JsonWebKey] };
    const client = await createClient(core, {
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      post_logout_redirect_uris: [],
      scope: "api:read",
      token_endpoint_auth_method: "private_key_jwt",
      jwks_uri: jwksUri,
    });
    expect((await admin(core, "GET", `/admin/clients/${client.client_id}`)).body).toMatchObject({ jwks_uri: jwksUri, jwks: {} });
    const config = await oidc.discovery(new URL(core.issuer), client.client_id, undefined, oidc.PrivateKeyJwt({ key: privateKey, kid }), {
      execute: [oidc.allowInsecureRequests],
    });
    expect((await oidc.clientCredentialsGrant(config, { scope: "api:read" })).access_token).toEqual(expect.any(String));
  });

  it("refuses jwks and jwks_uri together", async () => {
    const res = await admin(core, "POST", "/admin/clients", {
      redirect_uris: ["https://rp.example/cb"],
      jwks_uri: jwksUri,
      jwks: { keys: [{ kty: "EC", crv: "P-256", x: "x", y: "y" }] },
    });
    expect(res.status).toBe(400);
    expect(String(res.body.error_description)).toMatch(/jwks/);
  });

  it("signs ID tokens and userinfo with the client's algorithms", async () => {
    const client = await createClient(core, { id_token_signed_response_alg: "ES256", userinfo_signed_response_alg: "RS256" });
    const config = await rpConfig(core, client);
    const tokens = await signIn(new Browser(), core, config, "erin");
    expect(decodeProtectedHeader(tokens.id_token ?? "").alg).toBe("ES256");

    const res = await fetch(`${core.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(res.headers.get("content-type")).toMatch(/^application\/jwt/);
    const jwks = createRemoteJWKSet(new URL(`${core.issuer}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(await res.text(), jwks, { issuer: core.issuer, audience: client.client_id });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.sub).toBe("erin");
  });

  it("refuses algorithms it has no key for", async () => {
    const res = await admin(core, "POST", "/admin/clients", { redirect_uris: ["https://rp.example/cb"], userinfo_signed_response_alg: "EdDSA" });
    expect(res.status).toBe(400);
    expect(String(res.body.error_description)).toContain("userinfo_signed_response_alg");
  });
});
