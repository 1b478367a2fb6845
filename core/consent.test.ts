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
  type StartedAuthorization,
  type TestClient,
} from "./testing/harness";

// What the consent screen promises, enforced by the core: the end date ends the grant and its
// refresh tokens, RFC 9396 authorization_details reach the UI and the tokens, and a remembered
// decision is not reused once the client's consent metadata changed version.

let core: RunningCore;
withTestCore((started) => (core = started));

async function toConsent(browser: Browser, client: TestClient, subject: string, params: Record<string, string> = {}) {
  const config = await rpConfig(core, client);
  const started = await startAuthorization(browser, core, config, params);
  if (started.landed.pathname === "/consent") return { config, started, consent: started.landed };
  const challenge = challengeOf(started.landed, "login_challenge");
  const accepted = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challenge}`, { subject, remember: true });
  return { config, started, consent: await continueAt(browser, core, accepted.body.redirect_to) };
}

async function consentRequest(consent: URL) {
  return admin(core, "GET", `${CONSENT}?consent_challenge=${challengeOf(consent, "consent_challenge")}`);
}

async function accept(browser: Browser, consent: URL, body: Record<string, unknown>) {
  const challenge = challengeOf(consent, "consent_challenge");
  const accepted = await admin<Redirect>(core, "PUT", `${CONSENT}/accept?consent_challenge=${challenge}`, body);
  expect(accepted.status).toBe(200);
  return continueAt(browser, core, accepted.body.redirect_to);
}

async function exchange(config: oidc.Configuration, started: StartedAuthorization, callback: URL) {
  return oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: started.verifier,
    expectedState: started.state,
    expectedNonce: started.nonce,
  });
}

const payment = {
  type: "payment_initiation",
  instructedAmount: { currency: "JPY", amount: "12000" },
  creditorName: "Merchant A",
  creditorAccount: { accountNumber: "0012345" },
  remittanceInformationUnstructured: "Invoice 42",
};

describe("consent enforcement in the core", () => {
  it("ends the grant and its refresh tokens when remember_for runs out", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const { config, started, consent } = await toConsent(browser, client, "end-1");
    const callback = await accept(browser, consent, { grant_scope: ["openid", "offline_access"], remember: true, remember_for: 2 });
    const tokens = await exchange(config, started, callback);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect(refreshed.access_token).toEqual(expect.any(String));

    const [listed] = (await admin<Array<{ handled_at: string; expires_at: { refresh_token: string } }>>(core, "GET", "/admin/oauth2/auth/sessions/consent?subject=end-1")).body;
    expect(Date.parse(listed?.expires_at.refresh_token ?? "")).toBe(Date.parse(listed?.handled_at ?? "") + 2000);

    // Waiting for the clock is the point of this test: the end date has to pass.
    await new Promise((resolve) => setTimeout(resolve, 3100));
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token ?? "")).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("keeps the consent accept's context with the consent session", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const { consent } = await toConsent(browser, client, "ctx-1");
    await accept(browser, consent, {
      grant_scope: ["openid"],
      remember: true,
      remember_for: 3600,
      context: { tobira: { consent_version: "2", declined_scopes: ["email"] } },
    });
    const sessions = await admin<Array<{ context: unknown }>>(core, "GET", "/admin/oauth2/auth/sessions/consent?subject=ctx-1");
    expect(sessions.body[0]?.context).toEqual({ tobira: { consent_version: "2", declined_scopes: ["email"] } });
  });

  it("asks again (skip=false, prompt=none fails) once the client's consent metadata changed version", async () => {
    const client = await createClient(core, { metadata: { tobira: { consent: { version: "1" } } } });
    const browser = new Browser();
    const first = await toConsent(browser, client, "ver-1");
    await accept(browser, first.consent, {
      grant_scope: ["openid", "offline_access", "profile", "email"],
      remember: true,
      remember_for: 3600,
      context: { tobira: { consent_version: "1" } },
    });
    const same = await toConsent(browser, client, "ver-1");
    expect((await consentRequest(same.consent)).body).toMatchObject({ skip: true });

    const current = await admin(core, "GET", `/admin/clients/${client.client_id}`);
    await admin(core, "PUT", `/admin/clients/${client.client_id}`, { ...current.body, metadata: { tobira: { consent: { version: "2" } } } });
    const changed = await toConsent(browser, client, "ver-1");
    expect((await consentRequest(changed.consent)).body).toMatchObject({ skip: false });

    const silent = await startAuthorization(browser, core, first.config, { prompt: "none" });
    expect(silent.landed.searchParams.get("error")).toBe("consent_required");
  });

  it("registers and grants the client's own scopes (not only OpenID Connect's)", async () => {
    const client = await createClient(core, { scope: "openid accounts payments:write" });
    const browser = new Browser();
    const { config, started, consent } = await toConsent(browser, client, "scope-1", { scope: "openid accounts payments:write" });
    expect((await consentRequest(consent)).body).toMatchObject({ requested_scope: ["openid", "accounts", "payments:write"] });
    const tokens = await exchange(config, started, await accept(browser, consent, { grant_scope: ["openid", "accounts"] }));
    const introspection = await fetch(`${core.adminUrl}/admin/oauth2/introspect`, {
      method: "POST",
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    expect(await introspection.json()).toMatchObject({ active: true, scope: "accounts" });
    expect(tokens.claims()).toMatchObject({ sub: "scope-1" });
  });

  it("carries authorization_details of any type to the consent request, never skipped, and into the tokens", async () => {
    const client = await createClient(core);
    const browser = new Browser();
    const first = await toConsent(browser, client, "rar-1");
    await accept(browser, first.consent, { grant_scope: ["openid", "offline_access", "profile", "email"], remember: true, remember_for: 3600 });

    const details = [payment, { type: "something_else", anything: 1 }];
    const { config, started, consent } = await toConsent(browser, client, "rar-1", { authorization_details: JSON.stringify(details) });
    const request = await consentRequest(consent);
    expect(request.body).toMatchObject({ skip: false, authorization_details: details });

    const callback = await accept(browser, consent, { grant_scope: ["openid"] });
    const tokens = await exchange(config, started, callback);
    expect(tokens.authorization_details).toEqual(details);
    const introspection = await fetch(`${core.adminUrl}/admin/oauth2/introspect`, {
      method: "POST",
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    expect(await introspection.json()).toMatchObject({ active: true, authorization_details: details });
  });
});
