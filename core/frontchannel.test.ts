import * as oidc from "openid-client";
import { describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { admin, Browser, challengeOf, createClient, LOGOUT, rpConfig, signIn, withTestCore, type Redirect } from "./testing/harness";

// OIDC Front-Channel Logout 1.0: completing a sign-out answers with a page that loads every
// front-channel client of the session in a frame (with iss and sid) and only then goes on. The
// browser-level behaviour (frames load, the RP forgets the session, the browser goes on with and
// without JavaScript) is in e2e/sign-out.spec.ts.

let core: RunningCore;
withTestCore((started) => (core = started));

const POST_LOGOUT = "http://rp.test/logged-out";

async function signOutUpToCompletion(clientBody: Record<string, unknown>, user: string) {
  const client = await createClient(core, { post_logout_redirect_uris: [POST_LOGOUT], ...clientBody });
  const browser = new Browser();
  const config = await rpConfig(core, client);
  const tokens = await signIn(browser, core, config, user);
  const end = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? "", post_logout_redirect_uri: POST_LOGOUT, state: "s1" });
  const landed = await browser.follow(end.href, [new URL(core.issuer).origin]);
  const accepted = await admin<Redirect>(core, "PUT", `${LOGOUT}/accept?logout_challenge=${challengeOf(landed, "logout_challenge")}`);
  const completion = await browser.request(accepted.body.redirect_to, { headers: { "accept-language": "en-US,en;q=0.9" } });
  return { client, completion, sid: String(tokens.claims()?.sid) };
}

describe("front-channel logout", () => {
  it("stores frontchannel_logout_uri and returns it like Hydra", async () => {
    const client = await createClient(core, { frontchannel_logout_uri: "https://rp.example/fc", frontchannel_logout_session_required: true });
    expect((await admin(core, "GET", `/admin/clients/${client.client_id}`)).body).toMatchObject({
      frontchannel_logout_uri: "https://rp.example/fc",
      frontchannel_logout_session_required: true,
    });
    const plain = await createClient(core, {});
    const body = (await admin(core, "GET", `/admin/clients/${plain.client_id}`)).body;
    expect(body).not.toHaveProperty("frontchannel_logout_uri");
    expect(body).not.toHaveProperty("frontchannel_logout_session_required");
  });

  it("answers the completion with a page framing the client's URI with iss and sid, then going on", async () => {
    const { completion, sid } = await signOutUpToCompletion({ frontchannel_logout_uri: "https://rp.example/fc?keep=1" }, "fc-alice");
    expect(completion.status).toBe(200);
    expect(completion.headers.get("content-type")).toMatch(/^text\/html/);
    expect(completion.headers.get("cache-control")).toBe("no-store");
    expect(completion.headers.get("content-security-policy")).toContain("frame-src https://rp.example");
    const html = await completion.text();
    const frames = [...html.matchAll(/<iframe src="([^"]+)"/g)].map((match) => new URL(match[1]!.replaceAll("&amp;", "&")));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.origin + frames[0]!.pathname).toBe("https://rp.example/fc");
    expect(Object.fromEntries(frames[0]!.searchParams)).toEqual({ keep: "1", iss: core.issuer, sid });
    // The destination (post_logout_redirect_uri with state) is where the refresh and the link go.
    expect(html).toContain(`<meta http-equiv="refresh" content="0; url=${POST_LOGOUT}?state=s1">`);
    expect(html).toContain(`<a href="${POST_LOGOUT}?state=s1">`);
    // Texts from locales/ in the language the browser asked for.
    expect(html).toContain('<html lang="en" dir="ltr">');
  });

  it("redirects at once when no client of the session registered a front-channel URI", async () => {
    const { completion } = await signOutUpToCompletion({}, "fc-bob");
    expect(completion.status).toBe(303);
    expect(completion.headers.get("location")).toBe(`${POST_LOGOUT}?state=s1`);
  });

  it("escapes what it puts into the page", async () => {
    const { completion } = await signOutUpToCompletion({ frontchannel_logout_uri: 'https://rp.example/fc?x="><script>alert(1)</script>' }, "fc-carol");
    const html = await completion.text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});
