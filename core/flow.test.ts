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
  LOGOUT,
  RP,
  rpConfig,
  startAuthorization,
  UI,
  withTestCore,
  type Redirect,
  type TestClient,
} from "./testing/harness";

// The Hydra admin API driving real authorization code flows (openid-client as the RP).

let core: RunningCore;
withTestCore((started) => (core = started));

async function acceptLogin(browser: Browser, landed: URL, body: Record<string, unknown>) {
  const challenge = challengeOf(landed, "login_challenge");
  const accepted = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challenge}`, body);
  expect(accepted.status).toBe(200);
  return { challenge, next: await continueAt(browser, core, accepted.body.redirect_to) };
}

async function acceptConsent(browser: Browser, landed: URL, body: Record<string, unknown>) {
  const challenge = challengeOf(landed, "consent_challenge");
  const accepted = await admin<Redirect>(core, "PUT", `${CONSENT}/accept?consent_challenge=${challenge}`, body);
  expect(accepted.status).toBe(200);
  return { challenge, next: await continueAt(browser, core, accepted.body.redirect_to) };
}

/** Full first-time sign-in: login accepted (remembered), consent accepted with claims. */
async function signIn(browser: Browser, client: TestClient, subject: string) {
  const config = await rpConfig(core, client);
  const started = await startAuthorization(browser, core, config);
  const login = await acceptLogin(browser, started.landed, {
    subject,
    remember: true,
    remember_for: 3600,
    acr: "urn:tobira:loa:2",
    amr: ["pwd", "otp"],
    context: { method: "password" },
  });
  const consent = await acceptConsent(browser, login.next, {
    grant_scope: ["openid", "offline_access", "profile", "email"],
    remember: true,
    remember_for: 3600,
    session: {
      id_token: { email: `${subject}@example.test`, email_verified: true, name: "Taro Yamada", tenant: "acme" },
      access_token: { roles: ["reader"] },
    },
  });
  const tokens = await oidc.authorizationCodeGrant(config, consent.next, {
    pkceCodeVerifier: started.verifier,
    expectedState: started.state,
    expectedNonce: started.nonce,
  });
  return { config, tokens, loginChallenge: login.challenge, consentChallenge: consent.challenge };
}

describe("authorization code flow through the admin API", () => {
  it("issues tokens whose ID token and userinfo carry the consent session claims, acr and amr", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const config = await rpConfig(core, client);
    const started = await startAuthorization(browser, core, config);
    expect(started.landed.origin + started.landed.pathname).toBe(`${UI}/login`);

    const loginChallenge = challengeOf(started.landed, "login_challenge");
    const loginRequest = await admin(core, "GET", `${LOGIN}?login_challenge=${loginChallenge}`);
    expect(loginRequest.status).toBe(200);
    expect(loginRequest.body).toMatchObject({
      challenge: loginChallenge,
      skip: false,
      subject: "",
      client: { client_id: client.client_id, client_name: "Test RP" },
      requested_scope: ["openid", "offline_access", "profile", "email"],
      requested_access_token_audience: [],
    });
    // Like Hydra: empty members are left out (omitempty).
    expect(loginRequest.body.oidc_context).toEqual({});
    expect(loginRequest.body.client).not.toHaveProperty("client_secret");
    expect(String(loginRequest.body.request_url)).toContain("/oauth2/auth?");
    expect(String(loginRequest.body.request_url)).not.toContain("prompt=");

    const login = await acceptLogin(browser, started.landed, {
      subject: "user-1",
      remember: true,
      remember_for: 3600,
      acr: "urn:tobira:loa:2",
      amr: ["pwd", "otp"],
      context: { method: "password" },
    });
    expect(login.next.origin + login.next.pathname).toBe(`${UI}/consent`);
    const consentChallenge = challengeOf(login.next, "consent_challenge");
    const consentRequest = await admin(core, "GET", `${CONSENT}?consent_challenge=${consentChallenge}`);
    expect(consentRequest.body).toMatchObject({
      challenge: consentChallenge,
      skip: false,
      subject: "user-1",
      client: { client_id: client.client_id },
      requested_scope: ["openid", "offline_access", "profile", "email"],
      context: { method: "password" },
      login_challenge: loginChallenge,
      acr: "urn:tobira:loa:2",
      amr: ["pwd", "otp"],
    });
    expect(consentRequest.body.login_session_id).toEqual(expect.any(String));

    const consent = await acceptConsent(browser, login.next, {
      grant_scope: ["openid", "offline_access", "profile", "email"],
      session: {
        id_token: { email: "user-1@example.test", name: "Taro Yamada", tenant: "acme" },
        access_token: { roles: ["reader"] },
      },
    });
    expect(consent.next.origin + consent.next.pathname).toBe(RP);
    const tokens = await oidc.authorizationCodeGrant(config, consent.next, {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.scope?.split(" ").sort()).toEqual(["email", "offline_access", "openid", "profile"]);

    const idToken = tokens.claims();
    expect(idToken).toMatchObject({
      sub: "user-1",
      email: "user-1@example.test",
      name: "Taro Yamada",
      tenant: "acme",
      acr: "urn:tobira:loa:2",
      amr: ["pwd", "otp"],
      sid: consentRequest.body.login_session_id,
    });

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, "user-1");
    expect(userinfo).toMatchObject({ sub: "user-1", email: "user-1@example.test", tenant: "acme" });

    const introspection = await fetch(`${core.adminUrl}/admin/oauth2/introspect`, {
      method: "POST",
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    expect(await introspection.json()).toMatchObject({
      active: true,
      sub: "user-1",
      client_id: client.client_id,
      token_use: "access_token",
      ext: { roles: ["reader"] },
    });
  });

  it("treats Hydra's `offline` scope like offline_access", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const config = await rpConfig(core, client);
    const started = await startAuthorization(browser, core, config, { scope: "openid offline" });
    const login = await acceptLogin(browser, started.landed, { subject: "user-offline" });
    const consent = await acceptConsent(browser, login.next, { grant_scope: ["openid", "offline"] });
    const tokens = await oidc.authorizationCodeGrant(config, consent.next, {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  it("reports skip=true for a remembered login and consent, and lists the consent session", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const first = await signIn(browser, client, "user-2");

    const again = await startAuthorization(browser, core, first.config);
    const loginChallenge = challengeOf(again.landed, "login_challenge");
    const loginRequest = await admin(core, "GET", `${LOGIN}?login_challenge=${loginChallenge}`);
    expect(loginRequest.body).toMatchObject({ skip: true, subject: "user-2" });

    const wrongSubject = await admin(core, "PUT", `${LOGIN}/accept?login_challenge=${loginChallenge}`, { subject: "someone-else" });
    expect(wrongSubject.status).toBe(400);
    expect(wrongSubject.body).toMatchObject({ error: "invalid_request", status_code: 400 });

    const login = await acceptLogin(browser, again.landed, { subject: "user-2" });
    const consentChallenge = challengeOf(login.next, "consent_challenge");
    const consentRequest = await admin(core, "GET", `${CONSENT}?consent_challenge=${consentChallenge}`);
    expect(consentRequest.body).toMatchObject({ skip: true, subject: "user-2" });
    const consent = await acceptConsent(browser, login.next, {
      grant_scope: consentRequest.body.requested_scope,
      session: { id_token: { email: "user-2@example.test" } },
    });
    const tokens = await oidc.authorizationCodeGrant(first.config, consent.next, {
      pkceCodeVerifier: again.verifier,
      expectedState: again.state,
      expectedNonce: again.nonce,
    });
    expect(tokens.claims()).toMatchObject({ sub: "user-2", email: "user-2@example.test" });

    // A new person on another browser is not skipped, but prompt=login always asks again.
    const other = await startAuthorization(new Browser(), core, first.config);
    expect((await admin(core, "GET", `${LOGIN}?login_challenge=${challengeOf(other.landed, "login_challenge")}`)).body).toMatchObject({ skip: false });
    const forced = await startAuthorization(browser, core, first.config, { prompt: "login" });
    expect((await admin(core, "GET", `${LOGIN}?login_challenge=${challengeOf(forced.landed, "login_challenge")}`)).body).toMatchObject({ skip: false });

    // Listed: the decision the person made and asked to remember, not the skipped confirmation.
    const sessions = await admin<Array<Record<string, unknown>>>(core, "GET", `/admin/oauth2/auth/sessions/consent?subject=user-2`);
    expect(sessions.status).toBe(200);
    expect(sessions.body).toHaveLength(1);
    expect(sessions.body[0]).toMatchObject({
      grant_scope: ["openid", "offline_access", "profile", "email"],
      remember: true,
      remember_for: 3600,
      session: { id_token: { email: "user-2@example.test" }, access_token: { roles: ["reader"] } },
      consent_request: { subject: "user-2", client: { client_id: client.client_id } },
    });
    expect(sessions.headers.get("link")).toContain('rel="first"');

    expect(sessions.headers.get("link")).not.toContain('rel="next"');

    const secondClient = await createClient(core, { client_name: "Second RP" });
    await signIn(new Browser(), secondClient, "user-2");
    type Listed = { consent_request: { client: { client_id: string } } };
    const paged = await admin<Listed[]>(core, "GET", `/admin/oauth2/auth/sessions/consent?subject=user-2&page_size=1`);
    expect(paged.body).toHaveLength(1);
    const next = /<([^>]+)>; rel="next"/.exec(paged.headers.get("link") ?? "")?.[1] ?? "";
    const nextPage = new URL(next);
    const page2 = await admin<Listed[]>(core, "GET", nextPage.pathname + nextPage.search);
    const listed = [...paged.body, ...page2.body].map((s) => s.consent_request.client.client_id);
    expect(listed.sort()).toEqual([client.client_id, secondClient.client_id].sort());
  });

  it("answers 404 for an unknown challenge, 410 for a handled one, 400 without one", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const { loginChallenge, consentChallenge } = await signIn(browser, client, "user-3");

    const unknown = await admin(core, "GET", `${LOGIN}?login_challenge=does-not-exist`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: "Not Found", status_code: 404 });
    expect((await admin(core, "GET", `${CONSENT}?consent_challenge=${loginChallenge}`)).status).toBe(404);

    const handledLogin = await admin<Redirect>(core, "GET", `${LOGIN}?login_challenge=${loginChallenge}`);
    expect(handledLogin.status).toBe(410);
    expect(handledLogin.body.redirect_to).toContain("/oauth2/auth?");
    expect((await admin(core, "PUT", `${LOGIN}/accept?login_challenge=${loginChallenge}`, { subject: "user-3" })).status).toBe(410);
    expect((await admin(core, "PUT", `${CONSENT}/reject?consent_challenge=${consentChallenge}`, {})).status).toBe(410);

    const missing = await admin(core, "GET", LOGIN);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: "invalid_request", status_code: 400 });
  });

  it("answers 410 with the authorization URL when an accepted challenge is accepted again; the first answer still continues", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const config = await rpConfig(core, client);
    const started = await startAuthorization(browser, core, config);
    const challenge = challengeOf(started.landed, "login_challenge");
    const first = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challenge}`, { subject: "user-4" });
    const second = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challenge}`, { subject: "someone-else" });
    expect(second.status).toBe(410);
    expect(second.body.redirect_to).toContain("/oauth2/auth?");
    expect(second.body.redirect_to).not.toContain("verifier");
    expect((await admin<Redirect>(core, "GET", `${LOGIN}?login_challenge=${challenge}`)).body.redirect_to).toBe(second.body.redirect_to);

    const next = await continueAt(browser, core, first.body.redirect_to);
    const consent = await admin(core, "GET", `${CONSENT}?consent_challenge=${challengeOf(next, "consent_challenge")}`);
    expect(consent.body).toMatchObject({ subject: "user-4" });
  });

  it("sends access_denied to the client when login or consent is rejected, remembering nothing", async () => {
    const client = await createClient(core);
    const config = await rpConfig(core, client);

    const browser = new Browser();
    const started = await startAuthorization(browser, core, config);
    const rejected = await admin<Redirect>(core, "PUT", `${LOGIN}/reject?login_challenge=${challengeOf(started.landed, "login_challenge")}`, {
      error: "access_denied",
      error_description: "The resource owner denied the request",
    });
    expect(rejected.status).toBe(200);
    const back = await continueAt(browser, core, rejected.body.redirect_to);
    expect(back.origin + back.pathname).toBe(RP);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("error_description")).toBe("The resource owner denied the request");
    expect(back.searchParams.get("state")).toBe(started.state);

    const browser2 = new Browser();
    const started2 = await startAuthorization(browser2, core, config);
    const login = await acceptLogin(browser2, started2.landed, { subject: "user-5", remember: true });
    const consentRejected = await admin<Redirect>(core, "PUT", `${CONSENT}/reject?consent_challenge=${challengeOf(login.next, "consent_challenge")}`, {
      error: "access_denied",
    });
    const back2 = await continueAt(browser2, core, consentRejected.body.redirect_to);
    expect(back2.searchParams.get("error")).toBe("access_denied");
    expect((await admin<unknown[]>(core, "GET", `/admin/oauth2/auth/sessions/consent?subject=user-5`)).body).toEqual([]);

    const again = await startAuthorization(browser2, core, config);
    const login2 = await acceptLogin(browser2, again.landed, { subject: "user-5" });
    const consentRequest = await admin(core, "GET", `${CONSENT}?consent_challenge=${challengeOf(login2.next, "consent_challenge")}`);
    expect(consentRequest.body).toMatchObject({ skip: false });
  });

  it("revoking a consent session revokes its tokens: the refresh fails with invalid_grant", async () => {
    const client = await createClient(core);
    const { config, tokens } = await signIn(new Browser(), client, "user-6");
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect(refreshed.access_token).toEqual(expect.any(String));

    const missingTarget = await admin(core, "DELETE", `/admin/oauth2/auth/sessions/consent?subject=user-6`);
    expect(missingTarget.status).toBe(400);
    const revoked = await admin(core, "DELETE", `/admin/oauth2/auth/sessions/consent?subject=user-6&client=${client.client_id}`);
    expect(revoked.status).toBe(204);

    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token ?? "")).rejects.toMatchObject({ error: "invalid_grant" });
    const introspection = await fetch(`${core.adminUrl}/admin/oauth2/introspect`, {
      method: "POST",
      body: new URLSearchParams({ token: refreshed.access_token }),
    });
    expect(await introspection.json()).toEqual({ active: false });
    expect((await admin<unknown[]>(core, "GET", `/admin/oauth2/auth/sessions/consent?subject=user-6`)).body).toEqual([]);
  });

  it("revoking login sessions makes the next login request skip=false", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const { config } = await signIn(browser, client, "user-7");
    expect((await admin(core, "DELETE", `/admin/oauth2/auth/sessions/login`)).status).toBe(400);
    expect((await admin(core, "DELETE", `/admin/oauth2/auth/sessions/login?subject=user-7`)).status).toBe(204);
    const again = await startAuthorization(browser, core, config);
    const request = await admin(core, "GET", `${LOGIN}?login_challenge=${challengeOf(again.landed, "login_challenge")}`);
    expect(request.body).toMatchObject({ skip: false, subject: "" });
  });

  it("runs RP-initiated logout through the logout challenge", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const { config, tokens } = await signIn(browser, client, "user-8");
    const idToken = tokens.id_token ?? "";
    const sid = tokens.claims()?.sid;

    const endSession = oidc.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: "http://rp.test/logged-out",
      state: "bye",
    });
    const landed = await browser.follow(endSession.href, [new URL(core.issuer).origin]);
    expect(landed.origin + landed.pathname).toBe(`${UI}/logout`);
    const challenge = challengeOf(landed, "logout_challenge");

    const request = await admin(core, "GET", `${LOGOUT}?logout_challenge=${challenge}`);
    expect(request.body).toMatchObject({
      challenge,
      subject: "user-8",
      sid,
      rp_initiated: true,
      client: { client_id: client.client_id },
    });
    const accepted = await admin<Redirect>(core, "PUT", `${LOGOUT}/accept?logout_challenge=${challenge}`);
    expect(accepted.status).toBe(200);
    expect((await admin(core, "GET", `${LOGOUT}?logout_challenge=${challenge}`)).status).toBe(410);

    const back = await continueAt(browser, core, accepted.body.redirect_to);
    expect(back.href).toBe("http://rp.test/logged-out?state=bye");

    const again = await startAuthorization(browser, core, config);
    const login = await admin(core, "GET", `${LOGIN}?login_challenge=${challengeOf(again.landed, "login_challenge")}`);
    expect(login.body).toMatchObject({ skip: false });

    // The tokens outlive the browser session, as with Hydra.
    expect((await oidc.refreshTokenGrant(config, tokens.refresh_token ?? "")).access_token).toEqual(expect.any(String));
  });

  it("keeps the session when the logout is rejected", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const { config, tokens } = await signIn(browser, client, "user-9");
    const endSession = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? "" });
    const landed = await browser.follow(endSession.href, [new URL(core.issuer).origin]);
    const challenge = challengeOf(landed, "logout_challenge");
    expect((await admin(core, "PUT", `${LOGOUT}/reject?logout_challenge=${challenge}`)).status).toBe(204);
    const again = await startAuthorization(browser, core, config);
    const login = await admin(core, "GET", `${LOGIN}?login_challenge=${challengeOf(again.landed, "login_challenge")}`);
    expect(login.body).toMatchObject({ skip: true, subject: "user-9" });
  });

  it("requires PKCE from public clients", async () => {
    const client = await createClient(core, { token_endpoint_auth_method: "none" });
    const res = await fetch(
      `${core.issuer}/oauth2/auth?${new URLSearchParams({ client_id: client.client_id, response_type: "code", redirect_uri: RP, scope: "openid" })}`,
      { redirect: "manual" },
    );
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/);
  });

  it("sends browser-facing errors to the UI's error page", async () => {
    const res = await fetch(`${core.issuer}/oauth2/auth?client_id=nope&response_type=code`, {
      headers: { accept: "text/html" },
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe(`${UI}/error`);
    expect(location.searchParams.get("error")).toBe("invalid_client");
  });
});
