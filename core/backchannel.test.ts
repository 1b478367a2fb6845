import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import {
  admin,
  Browser,
  challengeOf,
  continueAt,
  createClient,
  LOGOUT,
  rpConfig,
  signIn,
  startTestCore,
  tempDir,
  UI,
  withTestCore,
  type Redirect,
} from "./testing/harness";

// OIDC Back-Channel Logout 1.0: the end of a login session is POSTed to each client's
// backchannel_logout_uri as a logout token. The receiver is a local server, so the core may call
// private addresses here (Hydra's default, CLIENTS_HTTP_DISALLOW_PRIVATE_IP_RANGES=false).

let core: RunningCore;
withTestCore((started) => (core = started), { clientsHttpDisallowPrivateIpRanges: false });

const received: URLSearchParams[] = [];
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (req.method === "POST" && req.headers["content-type"] === "application/x-www-form-urlencoded") received.push(new URLSearchParams(body));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/backchannel`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function verifiedLogoutToken(clientId: string) {
  const token = received.at(-1)?.get("logout_token") ?? "";
  const jwks = createRemoteJWKSet(new URL(`${core.issuer}/.well-known/jwks.json`));
  return (await jwtVerify(token, jwks, { issuer: core.issuer, audience: clientId })).payload;
}

describe("back-channel logout", () => {
  it("POSTs a signed logout token with the session's sid when the person signs out", async () => {
    const client = await createClient(core, { backchannel_logout_uri: receiverUrl, backchannel_logout_session_required: true });
    expect((await admin(core, "GET", `/admin/clients/${client.client_id}`)).body).toMatchObject({
      backchannel_logout_uri: receiverUrl,
      backchannel_logout_session_required: true,
    });
    const browser = new Browser();
    const config = await rpConfig(core, client);
    const tokens = await signIn(browser, core, config, "bob");
    received.length = 0;

    const landed = await browser.follow(oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? "" }).href, [new URL(core.issuer).origin]);
    expect(landed.origin + landed.pathname).toBe(`${UI}/logout`);
    expect(received).toHaveLength(0);
    const accepted = await admin<Redirect>(core, "PUT", `${LOGOUT}/accept?logout_challenge=${challengeOf(landed, "logout_challenge")}`);
    await continueAt(browser, core, accepted.body.redirect_to);

    expect(received).toHaveLength(1);
    const payload = await verifiedLogoutToken(client.client_id);
    expect(payload).toMatchObject({ sub: "bob", sid: tokens.claims()?.sid, events: { "http://schemas.openid.net/event/backchannel-logout": {} } });
    expect(payload).not.toHaveProperty("nonce");
  });

  it("POSTs one when the admin API revokes the login session by sid, as Hydra does", async () => {
    const client = await createClient(core, { backchannel_logout_uri: receiverUrl });
    const tokens = await signIn(new Browser(), core, await rpConfig(core, client), "carol");
    received.length = 0;
    const sid = String(tokens.claims()?.sid);
    expect((await admin(core, "DELETE", `/admin/oauth2/auth/sessions/login?sid=${sid}`)).status).toBe(204);
    expect(received).toHaveLength(1);
    const payload = await verifiedLogoutToken(client.client_id);
    expect(payload).toMatchObject({ sub: "carol" });
    expect(payload).not.toHaveProperty("sid");
  });
});

describe("back-channel logout with the default CLIENTS_HTTP_DISALLOW_PRIVATE_IP_RANGES", () => {
  it("does not call a loopback address, and the logout completes all the same (§2.8)", async () => {
    const dataDir = tempDir();
    const guarded = await startTestCore(dataDir);
    try {
      const client = await createClient(guarded, { backchannel_logout_uri: receiverUrl });
      const browser = new Browser();
      const config = await rpConfig(guarded, client);
      const tokens = await signIn(browser, guarded, config, "frank");
      received.length = 0;
      const end = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? "", post_logout_redirect_uri: "http://rp.test/logged-out" });
      const landed = await browser.follow(end.href, [new URL(guarded.issuer).origin]);
      const accepted = await admin<Redirect>(guarded, "PUT", `${LOGOUT}/accept?logout_challenge=${challengeOf(landed, "logout_challenge")}`);
      expect((await continueAt(browser, guarded, accepted.body.redirect_to)).href).toBe("http://rp.test/logged-out");
      expect(received).toHaveLength(0);
    } finally {
      await guarded.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
