import * as oidc from "openid-client";
import { describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { admin, Browser, challengeOf, continueAt, createClient, rpConfig, UI, withTestCore, type Redirect } from "./testing/harness";

// RFC 8628 through Hydra's device endpoints: the device asks for codes, the browser enters the
// user code on the UI's page (device_challenge), login and consent run as usual, the device polls.

const DEVICE = "/admin/oauth2/auth/requests/device/accept";

let core: RunningCore;
withTestCore((started) => (core = started), { deviceVerificationUrl: `${UI}/device`, deviceSuccessUrl: `${UI}/device/done` });

async function deviceClient() {
  const client = await createClient(core, {
    grant_types: ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "none",
  });
  return rpConfig(core, client);
}

/** The browser opens the verification page and lands on the UI with a device challenge. */
async function openVerification(browser: Browser, userCode?: string) {
  const url = new URL("/oauth2/device/verify", core.issuer);
  if (userCode) url.searchParams.set("user_code", userCode);
  const landed = await browser.follow(url.href, [new URL(core.issuer).origin]);
  expect(landed.origin + landed.pathname).toBe(`${UI}/device`);
  const challenge = landed.searchParams.get("device_challenge");
  expect(challenge).toBeTruthy();
  return { landed, challenge: challenge ?? "" };
}

describe("device authorization grant", () => {
  it("tells the device to send people to the UI's device page", async () => {
    const config = await deviceClient();
    const started = await oidc.initiateDeviceAuthorization(config, { scope: "openid offline_access" });
    expect(started.verification_uri).toBe(`${UI}/device`);
    expect(started.verification_uri_complete).toBe(`${UI}/device?user_code=${encodeURIComponent(started.user_code)}`);
  });

  it("runs from user code to tokens, with the code typed in any case and without the dash", async () => {
    const config = await deviceClient();
    const started = await oidc.initiateDeviceAuthorization(config, { scope: "openid offline_access" });
    const browser = new Browser();
    const { landed, challenge } = await openVerification(browser, started.user_code);
    expect(landed.searchParams.get("user_code")).toBe(started.user_code);

    const wrong = await admin(core, "PUT", `${DEVICE}?device_challenge=${challenge}`, { user_code: "BCDF-GHJK" });
    expect(wrong.status).toBe(400);
    const typed = started.user_code.replace("-", "").toLowerCase();
    const accepted = await admin<Redirect>(core, "PUT", `${DEVICE}?device_challenge=${challenge}`, { user_code: typed });
    expect(accepted.status).toBe(200);
    const again = await admin(core, "PUT", `${DEVICE}?device_challenge=${challenge}`, { user_code: typed });
    expect(again.status).toBe(410);

    const atLogin = await continueAt(browser, core, accepted.body.redirect_to);
    const login = await admin<Redirect>(core, "PUT", `/admin/oauth2/auth/requests/login/accept?login_challenge=${challengeOf(atLogin, "login_challenge")}`, {
      subject: "device-person",
    });
    const atConsent = await continueAt(browser, core, login.body.redirect_to);
    const consentChallenge = challengeOf(atConsent, "consent_challenge");
    const request = await admin<{ requested_scope: string[] }>(core, "GET", `/admin/oauth2/auth/requests/consent?consent_challenge=${consentChallenge}`);
    expect(request.body.requested_scope).toEqual(["openid", "offline_access"]);
    const consent = await admin<Redirect>(core, "PUT", `/admin/oauth2/auth/requests/consent/accept?consent_challenge=${consentChallenge}`, {
      grant_scope: ["openid", "offline_access"],
      remember: true,
    });
    const done = await continueAt(browser, core, consent.body.redirect_to);
    expect(done.href).toBe(`${UI}/device/done`);

    const tokens = await oidc.pollDeviceAuthorizationGrant(config, started);
    expect(tokens.claims()?.sub).toBe("device-person");
    expect(tokens.refresh_token).toBeTruthy();

    // The verifier works once.
    const replay = await browser.request(accepted.body.redirect_to);
    expect(replay.headers.get("location")).toMatch(/\/error\?error=request_forbidden/);
  }, 30_000);

  it("ends at the error page when the person does not allow the device", async () => {
    const config = await deviceClient();
    const started = await oidc.initiateDeviceAuthorization(config, { scope: "openid" });
    const browser = new Browser();
    const { challenge } = await openVerification(browser);
    const accepted = await admin<Redirect>(core, "PUT", `${DEVICE}?device_challenge=${challenge}`, { user_code: started.user_code });
    const atLogin = await continueAt(browser, core, accepted.body.redirect_to);
    const rejected = await admin<Redirect>(core, "PUT", `/admin/oauth2/auth/requests/login/reject?login_challenge=${challengeOf(atLogin, "login_challenge")}`, {
      error: "access_denied",
    });
    const end = await continueAt(browser, core, rejected.body.redirect_to);
    expect(end.pathname).toBe("/error");
    expect(end.searchParams.get("error")).toBe("access_denied");
    await expect(oidc.pollDeviceAuthorizationGrant(config, started)).rejects.toMatchObject({ error: "access_denied" });
  }, 30_000);

  it("answers 404 for an unknown challenge and 400 for an empty code", async () => {
    expect((await admin(core, "PUT", `${DEVICE}?device_challenge=unknown`, { user_code: "ABCD" })).status).toBe(404);
    expect((await admin(core, "PUT", `${DEVICE}?device_challenge=unknown`, { user_code: " - " })).status).toBe(400);
    expect((await admin(core, "PUT", DEVICE, { user_code: "ABCD" })).status).toBe(400);
  });
});
