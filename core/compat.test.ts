import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningCore } from "./index";
import { Browser, createClient, RP, rpConfig, startAuthorization, startTestCore, tempDir } from "./testing/harness";

// Compatibility is proven, not assumed (DESIGN.md): Ory's own reference login/consent/logout app
// (npm hydra-login-consent-logout, which talks to the admin API through @ory/hydra-client-fetch)
// completes a sign-in and a logout against the core, driven through its HTML forms.

const APP = path.resolve(import.meta.dirname, "../node_modules/hydra-login-consent-logout/lib/app.js");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startReferenceApp(port: number, adminUrl: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [APP], {
      env: { ...process.env, HYDRA_ADMIN_URL: adminUrl, PORT: String(port), NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Listening on")) resolve(child);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`reference app exited (${code}): ${output}`)));
  });
}

function hiddenInputs(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1];
    if (name && value !== undefined) fields[name] = value;
  }
  return fields;
}

/** Follows redirects anywhere but the client; returns the page (200) or the client URL reached. */
async function navigate(browser: Browser, url: string, init: RequestInit = {}): Promise<{ url: URL; html: string }> {
  let current = new URL(url);
  let options = init;
  for (let hops = 0; hops < 20; hops++) {
    if (current.origin === new URL(RP).origin) return { url: current, html: "" };
    const res = await browser.request(current.href, options);
    options = {};
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      await res.arrayBuffer();
      current = new URL(location, current);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${current.href} answered ${res.status}: ${html.slice(0, 300)}`);
    return { url: current, html };
  }
  throw new Error("too many redirects");
}

function submit(browser: Browser, page: { url: URL; html: string }, fields: Array<[string, string]>) {
  const body = new URLSearchParams([...Object.entries(hiddenInputs(page.html)), ...fields]);
  return navigate(browser, page.url.origin + page.url.pathname, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

let core: RunningCore;
let app: ChildProcess;
let dataDir: string;

beforeAll(async () => {
  // The port is free when chosen, but the core starts before the app listens on it: a process
  // beside this one (CI runs two suites at once) may take it meanwhile, so a taken port is a retry.
  for (let tries = 1; ; tries++) {
    dataDir = tempDir();
    const appPort = await freePort();
    const ui = `http://127.0.0.1:${appPort}`;
    core = await startTestCore(dataDir, { loginUrl: `${ui}/login`, consentUrl: `${ui}/consent`, logoutUrl: `${ui}/logout` });
    try {
      app = await startReferenceApp(appPort, core.adminUrl);
      return;
    } catch (error) {
      await core.close();
      if (tries >= 5 || !String(error).includes("EADDRINUSE")) throw error;
    }
  }
});

afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
  }
  await core?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("Ory's reference login/consent/logout app against the core", () => {
  it("signs in, consents, gets tokens, is skipped the second time, and logs out", async () => {
    const client = await createClient(core);
    const config = await rpConfig(core, client);
    const browser = new Browser();

    const started = await startAuthorization(browser, core, config);
    const loginPage = await navigate(browser, started.landed.href);
    expect(loginPage.html).toContain("Please log in");

    const consentPage = await submit(browser, loginPage, [
      ["email", "foo@bar.com"],
      ["password", "foobar"],
      ["remember", "1"],
      ["submit", "Log in"],
    ]);
    expect(consentPage.url.pathname).toBe("/consent");
    expect(consentPage.html).toContain("An application requests access to your data!");

    const callback = await submit(browser, consentPage, [
      ["grant_scope", "openid"],
      ["grant_scope", "offline_access"],
      ["grant_scope", "email"],
      ["remember", "1"],
      ["submit", "Allow access"],
    ]);
    expect(callback.url.origin + callback.url.pathname).toBe(RP);
    const tokens = await oidc.authorizationCodeGrant(config, callback.url, {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    expect(tokens.claims()).toMatchObject({ sub: "foo@bar.com", acr: "0" });
    expect(tokens.refresh_token).toEqual(expect.any(String));

    // Remembered login and consent: the app accepts both on its own (skip=true) without a form.
    const again = await startAuthorization(browser, core, config);
    const skipped = await navigate(browser, again.landed.href);
    expect(skipped.url.origin + skipped.url.pathname).toBe(RP);
    expect(skipped.url.searchParams.get("code")).toEqual(expect.any(String));

    const endSession = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token ?? "",
      post_logout_redirect_uri: "http://rp.test/logged-out",
      state: "bye",
    });
    const logoutPage = await navigate(browser, endSession.href);
    expect(logoutPage.html).toContain("Do you wish to log out?");
    const loggedOut = await submit(browser, logoutPage, []);
    expect(loggedOut.url.href).toBe("http://rp.test/logged-out?state=bye");

    const afterLogout = await startAuthorization(browser, core, config);
    expect((await navigate(browser, afterLogout.landed.href)).html).toContain("Please log in");
  });
});
