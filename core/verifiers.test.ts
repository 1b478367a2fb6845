import fs from "node:fs";
import path from "node:path";
import * as oidc from "openid-client";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openCoreStore } from "./db/store";
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
  tempDir,
  type Redirect,
} from "./testing/harness";
import { VerifierRepository } from "./verifiers";

// Hydra's verifiers: a challenge is public (it is in the UI's URL and can be sent to anyone), so
// an accept answers a random, single-use verifier that continues the flow only in the browser
// that started it. The attacker below starts an authorization and hands its login link to a
// victim; nothing the victim does there may end up in the attacker's browser.

let core: RunningCore;
withTestCore((started) => (core = started), { deviceVerificationUrl: `${UI}/device`, deviceSuccessUrl: `${UI}/device/done` });

const issuerHost = () => new URL(core.issuer).host;
const SESSION_COOKIE = "tobira_core_session";

function expectRefused(url: URL, description: RegExp = /./) {
  expect(url.origin + url.pathname).toBe(`${UI}/error`);
  expect(url.searchParams.get("error")).toBe("request_forbidden");
  expect(url.searchParams.get("error_description")).toMatch(description);
}

function withVerifier(redirectTo: string, name: string, value: string | undefined): string {
  const url = new URL(redirectTo);
  if (value === undefined) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  return url.href;
}

async function started() {
  const client = await createClient(core);
  const config = await rpConfig(core, client);
  const browser = new Browser();
  const authorization = await startAuthorization(browser, core, config);
  return { config, browser, authorization, challenge: challengeOf(authorization.landed, "login_challenge") };
}

async function acceptLogin(challenge: string, subject: string) {
  const accepted = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challenge}`, { subject, remember: true });
  expect(accepted.status).toBe(200);
  return accepted.body.redirect_to;
}

/** A flow that has reached consent in `browser`; the consent accept's redirect_to. */
async function atConsentAccepted() {
  const flow = await started();
  const atConsent = await continueAt(flow.browser, core, await acceptLogin(flow.challenge, "consent-person"));
  const consentChallenge = challengeOf(atConsent, "consent_challenge");
  const accepted = await admin<Redirect>(core, "PUT", `${CONSENT}/accept?consent_challenge=${consentChallenge}`, {
    grant_scope: ["openid", "offline_access", "profile", "email"],
  });
  expect(accepted.status).toBe(200);
  return { ...flow, consentChallenge, redirectTo: accepted.body.redirect_to };
}

describe("login verifier", () => {
  it("is random, not the challenge, and required: without it or with a guess the flow does not continue", async () => {
    const { browser, challenge } = await started();
    const redirectTo = await acceptLogin(challenge, "person-1");
    const verifier = new URL(redirectTo).searchParams.get("login_verifier") ?? "";
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifier).not.toContain(challenge);
    expect(new URL(redirectTo).pathname).toBe(`/oauth2/auth/${challenge}`);

    expectRefused(await continueAt(browser, core, withVerifier(redirectTo, "login_verifier", undefined)));
    expectRefused(await continueAt(browser, core, withVerifier(redirectTo, "login_verifier", "A".repeat(43))));
    expectRefused(await continueAt(browser, core, withVerifier(redirectTo, "login_verifier", challenge)));
    // oidc-provider's router ignores case and a trailing slash; the check does too.
    const shouted = new URL(redirectTo);
    shouted.pathname = `/OAUTH2/Auth/${challenge}/`;
    shouted.searchParams.delete("login_verifier");
    expectRefused(await continueAt(browser, core, shouted.href));
    expect(browser.hasCookie(issuerHost(), SESSION_COOKIE)).toBe(false);

    // Refusals spent nothing: the real verifier still continues, to consent.
    const next = await continueAt(browser, core, redirectTo);
    expect(next.origin + next.pathname).toBe(`${UI}/consent`);
  });

  it("works once, also when ten requests bring it at the same time", async () => {
    const { browser, challenge } = await started();
    const redirectTo = await acceptLogin(challenge, "person-2");
    const all = await Promise.all(Array.from({ length: 10 }, () => browser.request(redirectTo)));
    const locations = all.map((res) => new URL(res.headers.get("location") ?? "", core.issuer));
    const continued = locations.filter((url) => url.pathname !== "/error");
    expect(continued).toHaveLength(1);
    for (const refused of locations.filter((url) => url.pathname === "/error")) expectRefused(refused);

    expectRefused(await continueAt(browser, core, redirectTo));
  });

  it("continues only in the browser that started the flow: a victim signing in on someone else's link gives nobody a session", async () => {
    const attacker = await started();
    const victim = new Browser();
    // The victim opened the attacker's login link and signed in; the UI accepted it.
    const redirectTo = await acceptLogin(attacker.challenge, "victim");
    const victimLanded = await continueAt(victim, core, redirectTo);

    // The attacker's browser holds the resume cookie but not the verifier.
    const resume = new URL(`/oauth2/auth/${attacker.challenge}`, core.issuer).href;
    for (const attempt of [resume, `${resume}?login_verifier=${"B".repeat(43)}`, `${resume}?login_verifier=${attacker.challenge}`]) {
      const landed = await continueAt(attacker.browser, core, attempt);
      expect(landed.searchParams.has("code")).toBe(false);
      expect(attacker.browser.hasCookie(issuerHost(), SESSION_COOKIE)).toBe(false);
      expectRefused(landed);
    }
    const again = await startAuthorization(attacker.browser, core, attacker.config);
    const request = await admin(core, "GET", `${LOGIN}?login_challenge=${challengeOf(again.landed, "login_challenge")}`);
    expect(request.body).toMatchObject({ skip: false, subject: "" });

    expect(victim.hasCookie(issuerHost(), SESSION_COOKIE)).toBe(false);
    expectRefused(victimLanded, /another browser/);
  });

  it("that reached another browser is not spent there (as in Hydra): the starting browser still continues", async () => {
    const { browser, challenge } = await started();
    const redirectTo = await acceptLogin(challenge, "person-3");
    expectRefused(await continueAt(new Browser(), core, redirectTo), /another browser/);
    const next = await continueAt(browser, core, redirectTo);
    expect(next.origin + next.pathname).toBe(`${UI}/consent`);
  });

  it("protects a reject the same way", async () => {
    const { browser, challenge, authorization } = await started();
    const rejected = await admin<Redirect>(core, "PUT", `${LOGIN}/reject?login_challenge=${challenge}`, { error: "access_denied" });
    expect(new URL(rejected.body.redirect_to).searchParams.get("login_verifier")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expectRefused(await continueAt(browser, core, withVerifier(rejected.body.redirect_to, "login_verifier", undefined)));
    expectRefused(await continueAt(new Browser(), core, rejected.body.redirect_to));
    const back = await continueAt(browser, core, rejected.body.redirect_to);
    expect(back.origin + back.pathname).toBe(RP);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe(authorization.state);
  });
});

describe("consent verifier", () => {
  it("is required, bound to the starting browser, and works once", async () => {
    const flow = await atConsentAccepted();
    const verifier = new URL(flow.redirectTo).searchParams.get("consent_verifier") ?? "";
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(flow.redirectTo).pathname).toBe(`/oauth2/auth/${flow.consentChallenge}`);

    expectRefused(await continueAt(flow.browser, core, withVerifier(flow.redirectTo, "consent_verifier", undefined)));
    expectRefused(await continueAt(flow.browser, core, withVerifier(flow.redirectTo, "consent_verifier", "C".repeat(43))));
    const elsewhere = await continueAt(new Browser(), core, flow.redirectTo);
    expect(elsewhere.searchParams.has("code")).toBe(false);
    expectRefused(elsewhere, /another browser/);

    const back = await continueAt(flow.browser, core, flow.redirectTo);
    expect(back.origin + back.pathname).toBe(RP);
    const tokens = await oidc.authorizationCodeGrant(flow.config, back, {
      pkceCodeVerifier: flow.authorization.verifier,
      expectedState: flow.authorization.state,
      expectedNonce: flow.authorization.nonce,
    });
    expect(tokens.claims()?.sub).toBe("consent-person");

    expectRefused(await continueAt(flow.browser, core, flow.redirectTo));
  });

  it("protects a reject the same way", async () => {
    const flow = await started();
    const atConsent = await continueAt(flow.browser, core, await acceptLogin(flow.challenge, "consent-rejecter"));
    const rejected = await admin<Redirect>(core, "PUT", `${CONSENT}/reject?consent_challenge=${challengeOf(atConsent, "consent_challenge")}`, {
      error: "access_denied",
    });
    expectRefused(await continueAt(new Browser(), core, rejected.body.redirect_to), /another browser/);
    expectRefused(await continueAt(flow.browser, core, withVerifier(rejected.body.redirect_to, "consent_verifier", undefined)));
    const back = await continueAt(flow.browser, core, rejected.body.redirect_to);
    expect(back.searchParams.get("error")).toBe("access_denied");
  });
});

describe("logout verifier", () => {
  async function signedIn() {
    const flow = await atConsentAccepted();
    const back = await continueAt(flow.browser, core, flow.redirectTo);
    const tokens = await oidc.authorizationCodeGrant(flow.config, back, {
      pkceCodeVerifier: flow.authorization.verifier,
      expectedState: flow.authorization.state,
      expectedNonce: flow.authorization.nonce,
    });
    return { ...flow, tokens };
  }

  async function loginSkipped(browser: Browser, config: oidc.Configuration) {
    const again = await startAuthorization(browser, core, config);
    const request = await admin<{ skip: boolean }>(core, "GET", `${LOGIN}?login_challenge=${challengeOf(again.landed, "login_challenge")}`);
    return request.body.skip;
  }

  it("is not the challenge, is bound to the browser that asked to sign out, and works once", async () => {
    const { browser, config, tokens } = await signedIn();
    const endSession = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? "", post_logout_redirect_uri: "http://rp.test/logged-out" });
    const landed = await browser.follow(endSession.href, [new URL(core.issuer).origin]);
    const challenge = challengeOf(landed, "logout_challenge");
    const accepted = await admin<Redirect>(core, "PUT", `${LOGOUT}/accept?logout_challenge=${challenge}`);
    expect(accepted.status).toBe(200);
    const verifier = new URL(accepted.body.redirect_to).searchParams.get("logout_verifier") ?? "";
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifier).not.toBe(challenge);

    expectRefused(await continueAt(browser, core, withVerifier(accepted.body.redirect_to, "logout_verifier", challenge)));
    expectRefused(await continueAt(browser, core, withVerifier(accepted.body.redirect_to, "logout_verifier", "")));
    expectRefused(await continueAt(new Browser(), core, accepted.body.redirect_to), /another browser/);
    expect(await loginSkipped(browser, config)).toBe(true);

    const back = await continueAt(browser, core, accepted.body.redirect_to);
    expect(back.href).toBe("http://rp.test/logged-out");
    expect(await loginSkipped(browser, config)).toBe(false);
    expectRefused(await continueAt(browser, core, accepted.body.redirect_to));
  });
});

describe("device verifier", () => {
  async function verificationStarted(browser: Browser) {
    const client = await createClient(core, {
      grant_types: ["urn:ietf:params:oauth:grant-type:device_code"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "none",
    });
    const config = await rpConfig(core, client);
    const device = await oidc.initiateDeviceAuthorization(config, { scope: "openid" });
    const landed = await browser.follow(new URL("/oauth2/device/verify", core.issuer).href, [new URL(core.issuer).origin]);
    const challenge = landed.searchParams.get("device_challenge") ?? "";
    const accepted = await admin<Redirect>(core, "PUT", `/admin/oauth2/auth/requests/device/accept?device_challenge=${challenge}`, {
      user_code: device.user_code,
    });
    expect(accepted.status).toBe(200);
    return { challenge, redirectTo: accepted.body.redirect_to };
  }

  it("is not the challenge, is bound to the browser that opened the verification page, and works once", async () => {
    const browser = new Browser();
    const { challenge, redirectTo } = await verificationStarted(browser);
    const verifier = new URL(redirectTo).searchParams.get("device_verifier") ?? "";
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifier).not.toBe(challenge);

    expectRefused(await continueAt(browser, core, withVerifier(redirectTo, "device_verifier", challenge)));
    expectRefused(await continueAt(new Browser(), core, redirectTo), /another browser/);

    const atLogin = await continueAt(browser, core, redirectTo);
    expect(atLogin.origin + atLogin.pathname).toBe(`${UI}/login`);
    expectRefused(await continueAt(browser, core, redirectTo));
  });
});

const PG_SCHEMA = "tobira_core_test_verifiers";
const engines: Array<[string, string | undefined]> = [
  ["sqlite", undefined],
  ["postgres", process.env.DATABASE_URL],
];

describe.each(engines)("verifier store on %s", (engine, databaseUrl) => {
  it.runIf(engine === "sqlite" || databaseUrl)("issues one verifier per challenge and lets exactly one of many concurrent uses spend it", async () => {
    const dir = tempDir();
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
      await client.end();
    }
    const store = await openCoreStore({ databaseUrl, sqliteFile: path.join(dir, "core.db"), schema: PG_SCHEMA });
    try {
      const verifiers = new VerifierRepository(store.db);
      const expiresAt = Math.floor(Date.now() / 1000) + 60;
      const issued = await Promise.all(Array.from({ length: 5 }, () => verifiers.issue("login", "challenge-1", expiresAt)));
      const verifier = issued.find(Boolean) ?? "";
      expect(issued.filter(Boolean)).toHaveLength(1);
      expect(await verifiers.challengeOf("consent", verifier)).toBeUndefined();
      expect(await verifiers.redeem("login", "challenge-2", verifier)).toBe(false);

      const uses = await Promise.all(Array.from({ length: 10 }, () => verifiers.redeem("login", "challenge-1", verifier)));
      expect(uses.filter(Boolean)).toHaveLength(1);
      expect(await verifiers.challengeOf("login", verifier)).toBeUndefined();

      const expired = (await verifiers.issue("logout", "challenge-3", Math.floor(Date.now() / 1000) - 1)) ?? "";
      expect(await verifiers.redeem("logout", "challenge-3", expired)).toBe(false);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
