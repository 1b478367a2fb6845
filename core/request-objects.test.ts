import crypto from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { admin, Browser, challengeOf, CONSENT, continueAt, createClient, LOGIN, RP, UI, withTestCore, type Redirect } from "./testing/harness";

// RFC 9101 signed request objects: a client that registers request_object_signing_alg (with its
// keys in jwks) may send its authorization request as a JWT it signed; the core takes the
// parameters from it, and refuses one signed with another key or another algorithm.

let core: RunningCore;
withTestCore((started) => (core = started));

async function requestObject(clientId: string, key: CryptoKey, kid: string, alg: string, claims: Record<string, unknown>) {
  return new SignJWT({ client_id: clientId, response_type: "code", redirect_uri: RP, scope: "openid", ...claims })
    .setProtectedHeader({ alg, kid, typ: "oauth-authz-req+jwt" })
    .setIssuer(clientId)
    .setAudience(core.issuer)
    .setIssuedAt()
    .setExpirationTime("5m")
    .setJti(crypto.randomUUID())
    .sign(key);
}

/** Where the browser lands after GET /oauth2/auth with `request` (the UI's login, or an error). */
async function authorize(browser: Browser, clientId: string, request: string) {
  const url = new URL("/oauth2/auth", core.issuer);
  url.search = new URLSearchParams({ client_id: clientId, response_type: "code", scope: "openid", request }).toString();
  return browser.follow(url.href, [new URL(core.issuer).origin]);
}

describe("signed request objects", () => {
  it("takes the authorization request from a request object the client signed with its registered algorithm", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const kid = crypto.randomUUID();
    const client = await createClient(core, {
      request_object_signing_alg: "ES256",
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" }] },
    });
    expect((await admin(core, "GET", `/admin/clients/${client.client_id}`)).body).toMatchObject({ request_object_signing_alg: "ES256" });

    const verifier = crypto.randomBytes(32).toString("base64url");
    const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
    const browser = new Browser();
    const signed = await requestObject(client.client_id, privateKey, kid, "ES256", {
      state: "from-the-request-object",
      nonce: "n-1",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const atLogin = await authorize(browser, client.client_id, signed);
    expect(atLogin.origin + atLogin.pathname).toBe(`${UI}/login`);
    const login = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challengeOf(atLogin, "login_challenge")}`, { subject: "jar-user" });
    const atConsent = await continueAt(browser, core, login.body.redirect_to);
    const consent = await admin<Redirect>(core, "PUT", `${CONSENT}/accept?consent_challenge=${challengeOf(atConsent, "consent_challenge")}`, {
      grant_scope: ["openid"],
    });
    const back = await continueAt(browser, core, consent.body.redirect_to);
    expect(back.origin + back.pathname).toBe(RP);
    // The state came only from the signed request object.
    expect(back.searchParams.get("state")).toBe("from-the-request-object");
    expect(back.searchParams.get("code")).toEqual(expect.any(String));
  });

  it("refuses a request object signed with another key, or with another algorithm than the registered one", async () => {
    const { publicKey } = await generateKeyPair("ES256");
    const stranger = await generateKeyPair("ES256");
    const rsa = await generateKeyPair("RS256");
    const kid = crypto.randomUUID();
    const client = await createClient(core, {
      request_object_signing_alg: "ES256",
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" }, { ...(await exportJWK(rsa.publicKey)), kid: "rsa", alg: "RS256", use: "sig" }] },
    });
    const pkce = { code_challenge: crypto.randomBytes(32).toString("base64url"), code_challenge_method: "S256", state: "s" };
    for (const signed of [
      await requestObject(client.client_id, stranger.privateKey, kid, "ES256", pkce),
      await requestObject(client.client_id, rsa.privateKey, "rsa", "RS256", pkce),
    ]) {
      const landed = await authorize(new Browser(), client.client_id, signed);
      expect(landed.origin + landed.pathname).not.toBe(`${UI}/login`);
      const error = landed.searchParams.get("error");
      expect(error).toBe("invalid_request_object");
    }
  });
});
