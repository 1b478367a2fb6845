import fs from "node:fs";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import {
  admin,
  Browser,
  challengeOf,
  CONSENT,
  continueAt,
  createClient,
  LOGIN,
  RP,
  rpConfig,
  startAuthorization,
  startTestCore,
  resetStorage,
  storageCases,
  tempDir,
  UI,
  type Redirect,
  type TestClient,
} from "./testing/harness";

// Authorization codes, refresh tokens and device codes are single use (RFC 6749 §4.1.2, §10.4;
// RFC 8628 §3.5): of many requests that bring the same one at the same moment, at most one gets
// tokens and the others invalid_grant — on the embedded SQLite file and on PostgreSQL. "At most":
// a loser treats the second use as a replay and revokes the grant, which can land before the
// winner has read that grant, so under load the winner is refused too. That is the RFC's answer
// to a replay; two token responses for one code never are.

const PARALLEL = 15;
const engines = storageCases("tobira_core_test_single_use");

describe.each(engines)("single use on %s", (_engine, storage) => {
  let core: RunningCore;
  let dir: string;
  beforeAll(async () => {
    if (!storage) return;
    await resetStorage(storage);
    dir = tempDir();
    core = await startTestCore(dir, { ...storage, deviceVerificationUrl: `${UI}/device`, deviceSuccessUrl: `${UI}/device/done` });
  });
  afterAll(async () => {
    await core?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // Public clients (PKCE, no secret): nothing slow such as a secret's hash spaces the requests out.
  const publicClient = (body: Record<string, unknown> = {}) => createClient(core, { token_endpoint_auth_method: "none", ...body });

  function tokenRequest(client: TestClient, form: Record<string, string>) {
    return fetch(`${core.issuer}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: client.client_id, ...form }),
    });
  }

  /** The same request PARALLEL times at once: the ones that got tokens and the invalid_grants. */
  async function all(send: () => Promise<Response>) {
    // Connections opened beforehand, so the requests arrive together rather than one handshake apart.
    await Promise.all(Array.from({ length: PARALLEL }, () => fetch(`${core.issuer}/.well-known/openid-configuration`).then((res) => res.arrayBuffer())));
    const responses = await Promise.all(Array.from({ length: PARALLEL }, send));
    const bodies = await Promise.all(responses.map(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> })));
    return {
      succeeded: bodies.filter((r) => r.status === 200),
      refused: bodies.filter((r) => r.status === 400 && r.body.error === "invalid_grant"),
    };
  }

  /** Never two token responses, and every request that got none was refused as invalid_grant. */
  function expectSingleUse({ succeeded, refused }: Awaited<ReturnType<typeof all>>) {
    expect(succeeded.length).toBeLessThanOrEqual(1);
    expect(refused).toHaveLength(PARALLEL - succeeded.length);
  }

  async function active(token: string): Promise<boolean> {
    const res = await fetch(`${core.adminUrl}/admin/oauth2/introspect`, { method: "POST", body: new URLSearchParams({ token }) });
    return ((await res.json()) as { active: boolean }).active;
  }

  async function authorizationCode(client: TestClient) {
    const config = await rpConfig(core, client);
    const browser = new Browser();
    const started = await startAuthorization(browser, core, config);
    const login = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challengeOf(started.landed, "login_challenge")}`, {
      subject: "single-use",
    });
    const atConsent = await continueAt(browser, core, login.body.redirect_to);
    const consent = await admin<Redirect>(core, "PUT", `${CONSENT}/accept?consent_challenge=${challengeOf(atConsent, "consent_challenge")}`, {
      grant_scope: ["openid", "offline_access"],
    });
    const back = await continueAt(browser, core, consent.body.redirect_to);
    expect(back.origin + back.pathname).toBe(RP);
    return { code: back.searchParams.get("code") ?? "", verifier: started.verifier };
  }

  it.runIf(storage)("an authorization code: at most one request gets tokens, the others invalid_grant", async () => {
    const client = await publicClient();
    const { code, verifier } = await authorizationCode(client);
    const result = await all(() =>
      tokenRequest(client, { grant_type: "authorization_code", code, redirect_uri: RP, code_verifier: verifier }),
    );
    expectSingleUse(result);
    // Treated as a reuse (RFC 6749 §4.1.2): what was issued under the code is revoked as well.
    for (const issued of result.succeeded) expect(await active(String(issued.body.access_token))).toBe(false);
  });

  it.runIf(storage)("a rotated refresh token: at most one request gets the next one, the others invalid_grant", async () => {
    const client = await publicClient();
    const { code, verifier } = await authorizationCode(client);
    const first = await tokenRequest(client, { grant_type: "authorization_code", code, redirect_uri: RP, code_verifier: verifier });
    const refreshToken = String(((await first.json()) as { refresh_token?: string }).refresh_token);
    const result = await all(() => tokenRequest(client, { grant_type: "refresh_token", refresh_token: refreshToken }));
    expectSingleUse(result);
    for (const issued of result.succeeded) expect(issued.body.refresh_token).not.toBe(refreshToken);
  });

  it.runIf(storage)("a device code: at most one poll gets tokens, the others invalid_grant", async () => {
    const device = await publicClient({
      grant_types: ["urn:ietf:params:oauth:grant-type:device_code"],
      response_types: [],
      redirect_uris: [],
    });
    const config = await rpConfig(core, device);
    const started = await oidc.initiateDeviceAuthorization(config, { scope: "openid" });
    const browser = new Browser();
    const landed = await browser.follow(new URL("/oauth2/device/verify", core.issuer).href, [new URL(core.issuer).origin]);
    const accepted = await admin<Redirect>(core, "PUT", `/admin/oauth2/auth/requests/device/accept?device_challenge=${landed.searchParams.get("device_challenge")}`, {
      user_code: started.user_code,
    });
    const atLogin = await continueAt(browser, core, accepted.body.redirect_to);
    const login = await admin<Redirect>(core, "PUT", `${LOGIN}/accept?login_challenge=${challengeOf(atLogin, "login_challenge")}`, { subject: "device-single-use" });
    const atConsent = await continueAt(browser, core, login.body.redirect_to);
    const consent = await admin<Redirect>(core, "PUT", `${CONSENT}/accept?consent_challenge=${challengeOf(atConsent, "consent_challenge")}`, {
      grant_scope: ["openid"],
    });
    expect((await continueAt(browser, core, consent.body.redirect_to)).href).toBe(`${UI}/device/done`);

    expectSingleUse(
      await all(() => tokenRequest(device, { grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: started.device_code })),
    );
  });
});
