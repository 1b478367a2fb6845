import http from "node:http";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import * as oidc from "openid-client";

// A small OAuth 2.0 / OIDC relying party built on openid-client: the "app" that sends people to
// Tobira. `npm start` runs it as the demo on :5555 and the end-to-end tests start their own copies.
// It plays a third-party application, so its page texts are its own, not Tobira's locales.

export interface ClientAppOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where to listen; 0 picks a free port. */
  port: number;
  host?: string;
  /** Public origin the browser uses, e.g. http://localhost:5555 (default: http://localhost:<port>). */
  publicOrigin?: string;
  scope?: string;
  title?: string;
}

export interface ClientApp {
  url: string;
  redirectUri: string;
  /** Where the authorization server's sign-out page frames the app (OIDC Front-Channel Logout). */
  frontchannelLogoutUri: string;
  close: () => Promise<void>;
}

interface BrowserSession {
  codeVerifier?: string;
  state?: string;
  nonce?: string;
  idToken?: string;
  refreshToken?: string;
  claims?: Record<string, unknown>;
  message?: { kind: "error" | "info"; text: string };
}


export async function startClientApp(options: ClientAppOptions): Promise<ClientApp> {
  const sessions = new Map<string, BrowserSession>();
  let configuration: oidc.Configuration | undefined;
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("demo client app:", error);
      if (!res.headersSent) page(res, 500, options.title, `<p role="alert">Internal error in the demo app.</p>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = options.publicOrigin ?? `http://localhost:${port}`;
  const redirectUri = `${origin}/callback`;
  // Cookies ignore ports: apps on one host (the tests run several) each need their own name.
  const cookie = `demo_app_session_${port}`;
  const frontchannelLogoutUri = `${origin}/frontchannel-logout`;

  async function config() {
    if (!configuration) {
      configuration = await oidc.discovery(
        new URL(options.issuer),
        options.clientId,
        undefined,
        oidc.ClientSecretBasic(options.clientSecret),
        { execute: [oidc.allowInsecureRequests] },
      );
    }
    return configuration;
  }

  function session(req: http.IncomingMessage, res: http.ServerResponse): BrowserSession {
    const id = new RegExp(`(?:^|;\\s*)${cookie}=([A-Za-z0-9_-]+)`).exec(req.headers.cookie ?? "")?.[1];
    const existing = id ? sessions.get(id) : undefined;
    if (existing) return existing;
    const fresh: BrowserSession = {};
    const newId = crypto.randomBytes(18).toString("base64url");
    sessions.set(newId, fresh);
    res.setHeader("Set-Cookie", `${cookie}=${newId}; HttpOnly; SameSite=Lax; Path=/`);
    return fresh;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    const s = session(req, res);
    if (req.method === "GET" && url.pathname === "/") return home(res, s);
    if (req.method === "POST" && url.pathname === "/login") return login(req, res, s);
    if (req.method === "GET" && url.pathname === "/callback") return callback(url, res, s);
    if (req.method === "POST" && url.pathname === "/refresh") return refresh(res, s);
    if (req.method === "POST" && url.pathname === "/logout") return logout(res, s);
    if (req.method === "GET" && url.pathname === "/frontchannel-logout") return frontchannelLogout(url, res);
    page(res, 404, options.title, `<p>Not found.</p>`);
  }

  async function login(req: http.IncomingMessage, res: http.ServerResponse, s: BrowserSession) {
    const form = new URLSearchParams(await readBody(req));
    s.codeVerifier = oidc.randomPKCECodeVerifier();
    s.state = oidc.randomState();
    s.nonce = oidc.randomNonce();
    const parameters: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: form.get("scope") || options.scope || "openid profile email offline_access",
      code_challenge: await oidc.calculatePKCECodeChallenge(s.codeVerifier),
      code_challenge_method: "S256",
      state: s.state,
      nonce: s.nonce,
    };
    for (const name of ["prompt", "ui_locales", "login_hint", "max_age", "acr_values", "claims", "audience", "authorization_details"]) {
      const value = form.get(name);
      if (value) parameters[name] = value;
    }
    // OIDC Core 3.1.2.1: "sign in again as the person this app already knows".
    if (form.get("id_token_hint") === "current" && s.idToken) parameters.id_token_hint = s.idToken;
    redirect(res, oidc.buildAuthorizationUrl(await config(), parameters).href);
  }

  async function callback(url: URL, res: http.ServerResponse, s: BrowserSession) {
    try {
      const tokens = await oidc.authorizationCodeGrant(await config(), url, {
        pkceCodeVerifier: s.codeVerifier,
        expectedState: s.state,
        expectedNonce: s.nonce,
      });
      s.idToken = tokens.id_token;
      s.refreshToken = tokens.refresh_token;
      s.claims = { ...tokens.claims() };
      s.message = { kind: "info", text: "Signed in." };
    } catch (error) {
      s.message = { kind: "error", text: `Sign-in did not complete: ${oauthError(error)}` };
    }
    redirect(res, "/");
  }

  async function refresh(res: http.ServerResponse, s: BrowserSession) {
    if (!s.refreshToken) {
      s.message = { kind: "error", text: "No refresh token: this app was not granted continuous access." };
      return redirect(res, "/");
    }
    try {
      const tokens = await oidc.refreshTokenGrant(await config(), s.refreshToken);
      s.refreshToken = tokens.refresh_token ?? s.refreshToken;
      s.message = { kind: "info", text: "Tokens refreshed." };
    } catch (error) {
      s.message = { kind: "error", text: `Refresh failed: ${oauthError(error)}` };
    }
    redirect(res, "/");
  }

  async function logout(res: http.ServerResponse, s: BrowserSession) {
    const idToken = s.idToken;
    for (const key of Object.keys(s) as (keyof BrowserSession)[]) delete s[key];
    if (!idToken) return redirect(res, "/");
    const endSession = oidc.buildEndSessionUrl(await config(), {
      id_token_hint: idToken,
      post_logout_redirect_uri: `${origin}/`,
    });
    redirect(res, endSession.href);
  }

  // OIDC Front-Channel Logout 1.0 §3: the person signed out at the authorization server, which
  // loads this in a frame. The app ends its sessions with that `sid` from that issuer; it finds
  // them by sid, not by cookie, since a frame may not get the app's cookies.
  function frontchannelLogout(url: URL, res: http.ServerResponse) {
    const sid = url.searchParams.get("sid");
    const issuer = (value: string | null) => value?.replace(/\/$/, "");
    if (sid && issuer(url.searchParams.get("iss")) === issuer(options.issuer)) {
      for (const s of sessions.values()) {
        if (s.claims?.sid === sid) for (const key of Object.keys(s) as (keyof BrowserSession)[]) delete s[key];
      }
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end("<!doctype html><title>Signed out</title>");
  }

  function home(res: http.ServerResponse, s: BrowserSession) {
    const message = s.message;
    delete s.message;
    const notice = message
      ? `<p role="${message.kind === "error" ? "alert" : "status"}" class="${message.kind}">${escapeHtml(message.text)}</p>`
      : "";
    const body = s.claims
      ? `<h2>ID token claims</h2><pre aria-label="ID token claims">${escapeHtml(JSON.stringify(s.claims, null, 2))}</pre>
         <form method="post" action="/refresh"><button>Refresh tokens</button></form>
         <form method="post" action="/login"><input type="hidden" name="id_token_hint" value="current"><button>Sign in again</button></form>
         <form method="post" action="/logout"><button>Sign out</button></form>`
      : `<p>This demo app uses Tobira to sign you in.</p>
         <form method="post" action="/login"><button>Sign in</button></form>`;
    page(res, 200, options.title, notice + body);
  }

  return {
    url: origin,
    redirectUri,
    frontchannelLogoutUri,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function oauthError(error: unknown): string {
  if (error && typeof error === "object" && "error" in error && typeof error.error === "string") return error.error;
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") return error.code;
  return "unexpected_error";
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      data += chunk;
      if (data.length > 10_000) req.destroy();
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function redirect(res: http.ServerResponse, location: string) {
  res.writeHead(303, { Location: location });
  res.end();
}

function page(res: http.ServerResponse, status: number, title = "Demo app", body: string) {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
  });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
pre{background:#f4f4f4;padding:1rem;overflow:auto}.error{color:#a40000}button{font-size:1rem;padding:.5rem 1rem;margin:.25rem 0}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
