import { calculateJwkThumbprint, exportJWK } from "jose";
import * as oidc from "openid-client";
import { adminFetch, deleteClient } from "./support/admin";
import { AUTH_SERVER, ISSUER } from "./support/env";
import { FAPI_APP as APP, FAPI_CALLBACK as CALLBACK, registerFapiClient, startCallback } from "./support/fapi";
import { expect, test } from "./support/fixtures";
import { messages } from "./support/messages";
import { allow, expectConsentScreen } from "./screens/consent-screen";
import { signIn } from "./screens/login-screen";

// A FAPI 2.0 relying party (openid-client: PAR, private_key_jwt, PKCE S256, DPoP) signing a person
// in through Tobira's real sign-in and consent screens, then showing that its access token is
// bound to its DPoP key: what a bank API that introspects would see, and what a thief gets.

test.skip(AUTH_SERVER === "hydra", "per-client FAPI 2.0 is the embedded core's (README, \"FAPI clients\")");
test.use({ locale: "en-US" });

let callbackPage: Awaited<ReturnType<typeof startCallback>> | undefined;
test.beforeAll(async () => {
  callbackPage = await startCallback();
});
test.afterAll(async () => {
  await callbackPage?.close();
});

async function introspect(token: string) {
  const response = await adminFetch("/admin/oauth2/introspect", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
  });
  return (await response.json()) as Record<string, unknown>;
}

test("a FAPI 2.0 app signs a person in through the consent screen and gets a token only its DPoP key can use", async ({ page, person }) => {
  const m = messages.en;
  const { clientId, config } = await registerFapiClient();
  try {
    const dpopKey = await oidc.randomDPoPKeyPair("ES256");
    const DPoP = oidc.getDPoPHandle(config, dpopKey);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = await oidc.buildAuthorizationUrlWithPAR(
      config,
      { redirect_uri: CALLBACK, scope: "openid profile", code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state },
      { DPoP },
    );
    // The browser carries only a reference to the pushed request, never its parameters.
    expect([...url.searchParams.keys()].sort()).toEqual(["client_id", "request_uri"]);

    await page.goto(url.href);
    await signIn(page, m, { identifier: person.userName, password: person.password });
    await expectConsentScreen(page, m, APP);
    await allow(page, m);
    await page.waitForURL(`${CALLBACK}?**`);
    const callback = new URL(page.url());
    expect(callback.searchParams.get("iss")).toBe(ISSUER);

    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }, undefined, { DPoP });
    expect(tokens.token_type.toLowerCase()).toBe("dpop");

    // What a resource server that introspects sees: the key the token is bound to.
    const thumbprint = await calculateJwkThumbprint(await exportJWK(dpopKey.publicKey));
    expect(await introspect(tokens.access_token)).toMatchObject({ active: true, client_id: clientId, token_type: "DPoP", cnf: { jkt: thumbprint } });

    const sub = tokens.claims()?.sub ?? "";
    expect((await oidc.fetchUserInfo(config, tokens.access_token, sub, { DPoP })).sub).toBe(sub);
    // A stolen token: as a bearer token, or with a proof of the thief's own key.
    const asBearer = await fetch(`${ISSUER}/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(asBearer.status).toBe(401);
    const thief = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair("ES256"));
    await expect(oidc.fetchUserInfo(config, tokens.access_token, oidc.skipSubjectCheck, { DPoP: thief })).rejects.toMatchObject({ status: 401 });
  } finally {
    await deleteClient(clientId);
  }
});

test("a FAPI 2.0 app's request sent in the URL, not pushed, never reaches the sign-in screen", async ({ page }) => {
  const m = messages.en;
  const { clientId, config } = await registerFapiClient();
  try {
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: "openid",
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
      state: oidc.randomState(),
    });
    await page.goto(url.href);
    await expect(page.getByRole("heading", { level: 1, name: m.Login.title })).toHaveCount(0);
    const landed = new URL(page.url());
    expect(landed.searchParams.get("error")).toBe("invalid_request");
  } finally {
    await deleteClient(clientId);
  }
});
