import "server-only";
import type { z } from "zod";
import { observeAdminCall, type AdminOperation } from "@/lib/metrics";
import { ChallengeError, isNetworkFailure, kindForStatus } from "./errors";
import { nextPage } from "./pages";
import {
  reshapeClient,
  reshapeConsentRequest,
  reshapeConsentSession,
  reshapeLoginRequest,
  reshapeLogoutRequest,
} from "./reshape";
import {
  hydraClient,
  hydraHealth,
  hydraConsentRequest,
  hydraConsentSessions,
  hydraError,
  hydraLoginRequest,
  hydraLogoutRequest,
  hydraRedirect,
} from "./schemas";
import type {
  AcceptConsent,
  AcceptLogin,
  Client,
  ClientRegistration,
  ConsentRequest,
  ConsentSession,
  LoginRequest,
  LogoutRequest,
  Redirect,
  Rejection,
} from "./types";

// The one client for the Hydra v2 admin API. Every request goes through `send`, which classifies
// failures into ChallengeError kinds, times the request under its operation's fixed name and
// counts its failure (lib/metrics); `call` validates bodies with zod before they are reshaped.

export interface ChallengeClientOptions {
  /** Base URL of the admin API, e.g. http://127.0.0.1:4445 (a path prefix is kept). */
  baseUrl: string;
  /** Bearer token the admin API requires (HYDRA_ADMIN_TOKEN); none when unset. */
  token?: string;
  /** How long one call may take, body included, before it counts as "unavailable"
   * (HYDRA_ADMIN_TIMEOUT_MS): a person waits for it on every screen. */
  timeoutMs?: number;
  /** Consent sessions asked for per request (tests page with a small one). */
  consentPageSize?: number;
}

type Query = Record<string, string | undefined>;
type Method = "GET" | "POST" | "PUT" | "DELETE";

const REQUESTS = "/admin/oauth2/auth/requests";
/** The page size asked for (Hydra allows up to 1000, the core 500) and a bound on how many pages
 * are read; pages.ts says how the next page is found. */
const CONSENT_PAGE_SIZE = 500;
const MAX_PAGES = 100;
const SESSIONS = "/admin/oauth2/auth/sessions";
/** Short enough that a person sees the translated "try again" within a few seconds of a hung
 * server, long enough for a busy one (admin calls take milliseconds). */
export const DEFAULT_TIMEOUT_MS = 3000;

export function createChallengeClient({ baseUrl, token, timeoutMs = DEFAULT_TIMEOUT_MS, consentPageSize = CONSENT_PAGE_SIZE }: ChallengeClientOptions) {
  const base = baseUrl.replace(/\/+$/, "");

  async function exchange(method: Method, path: string, query: Query, body?: unknown): Promise<Response> {
    const url = new URL(base + path);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
        redirect: "manual",
      });
    } catch (error) {
      throw new ChallengeError(isNetworkFailure(error) ? "unavailable" : "internal", `${method} ${path}: ${describe(error)}`, {
        cause: error,
      });
    }
    if (!response.ok) throw await failure(method, path, response);
    return response;
  }

  // The operation, not the path, names the series: paths carry client ids and challenges. `read`
  // takes the body inside the timing, so a body that stops arriving is counted as what it is.
  async function send<T = undefined>(
    operation: AdminOperation,
    method: Method,
    path: string,
    query: Query,
    body?: unknown,
    read?: (response: Response) => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    let failed: string | undefined;
    try {
      const response = await exchange(method, path, query, body);
      return read ? await read(response) : (undefined as T);
    } catch (error) {
      failed = error instanceof ChallengeError ? error.kind : "internal";
      throw error;
    } finally {
      observeAdminCall(operation, (performance.now() - started) / 1000, failed);
    }
  }

  // A body that is not JSON (an HTML maintenance page, binary junk, JSON cut off mid-way) or that
  // stops arriving means the admin API is not what answered: "unavailable", the retry page. JSON
  // of the wrong shape is the admin API speaking a version Tobira does not expect: "internal".
  async function parse<S extends z.ZodType>(method: Method, path: string, response: Response, schema: S) {
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      const detail = isNetworkFailure(error) ? describe(error) : "response is not JSON";
      throw new ChallengeError("unavailable", `${method} ${path}: ${detail}`, { cause: error });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ChallengeError("internal", `${method} ${path}: unexpected response shape: ${parsed.error.message}`);
    }
    return parsed.data as z.infer<S>;
  }

  function call<S extends z.ZodType>(operation: AdminOperation, method: Method, path: string, query: Query, schema: S, body?: unknown) {
    return send(operation, method, path, query, body, (response) => parse(method, path, response, schema));
  }

  const redirect = async (operation: AdminOperation, path: string, query: Query, body: unknown): Promise<Redirect> => {
    const data = await call(operation, "PUT", path, query, hydraRedirect, body);
    return { redirectTo: data.redirect_to };
  };

  const rejection = (reason: Rejection) => ({ error: reason.error, error_description: reason.errorDescription });

  return {
    async getLoginRequest(challenge: string): Promise<LoginRequest> {
      return reshapeLoginRequest(await call("getLoginRequest", "GET", `${REQUESTS}/login`, { login_challenge: challenge }, hydraLoginRequest));
    },
    acceptLogin(challenge: string, accept: AcceptLogin): Promise<Redirect> {
      return redirect("acceptLogin", `${REQUESTS}/login/accept`, { login_challenge: challenge }, {
        subject: accept.subject,
        remember: accept.remember,
        remember_for: accept.rememberFor,
        acr: accept.acr,
        amr: accept.amr,
        context: accept.context,
      });
    },
    rejectLogin(challenge: string, reason: Rejection): Promise<Redirect> {
      return redirect("rejectLogin", `${REQUESTS}/login/reject`, { login_challenge: challenge }, rejection(reason));
    },

    async getConsentRequest(challenge: string): Promise<ConsentRequest> {
      return reshapeConsentRequest(
        await call("getConsentRequest", "GET", `${REQUESTS}/consent`, { consent_challenge: challenge }, hydraConsentRequest),
      );
    },
    acceptConsent(challenge: string, accept: AcceptConsent): Promise<Redirect> {
      return redirect("acceptConsent", `${REQUESTS}/consent/accept`, { consent_challenge: challenge }, {
        grant_scope: accept.grantScope,
        grant_access_token_audience: accept.grantAudience,
        remember: accept.remember,
        remember_for: accept.rememberFor,
        ...(accept.context !== undefined ? { context: accept.context } : {}),
        session: accept.session
          ? { id_token: accept.session.idToken, access_token: accept.session.accessToken }
          : undefined,
      });
    },
    rejectConsent(challenge: string, reason: Rejection): Promise<Redirect> {
      return redirect("rejectConsent", `${REQUESTS}/consent/reject`, { consent_challenge: challenge }, rejection(reason));
    },

    async getLogoutRequest(challenge: string): Promise<LogoutRequest> {
      return reshapeLogoutRequest(await call("getLogoutRequest", "GET", `${REQUESTS}/logout`, { logout_challenge: challenge }, hydraLogoutRequest));
    },
    acceptLogout(challenge: string): Promise<Redirect> {
      return redirect("acceptLogout", `${REQUESTS}/logout/accept`, { logout_challenge: challenge }, undefined);
    },
    async rejectLogout(challenge: string): Promise<void> {
      await send("rejectLogout", "PUT", `${REQUESTS}/logout/reject`, { logout_challenge: challenge });
    },

    /** Hydra's acceptUserCodeRequest: the person typed this user code on the device page. */
    acceptDeviceRequest(challenge: string, userCode: string): Promise<Redirect> {
      return redirect("acceptDeviceRequest", `${REQUESTS}/device/accept`, { device_challenge: challenge }, { user_code: userCode });
    },

    /** One registered client (the account area's granted apps; the operator's preview picks one by id). */
    async getClient(clientId: string): Promise<Client> {
      return reshapeClient(await call("getClient", "GET", `/admin/clients/${encodeURIComponent(clientId)}`, {}, hydraClient));
    },
    /** Creates the client, or replaces its registration when it exists (idempotent). */
    async putClient(registration: ClientRegistration): Promise<void> {
      const path = `/admin/clients/${encodeURIComponent(registration.client_id)}`;
      try {
        await send("getClient", "GET", path, {});
      } catch (error) {
        if (error instanceof ChallengeError && error.kind === "not_found") {
          await send("createClient", "POST", "/admin/clients", {}, registration);
          return;
        }
        throw error;
      }
      await send("replaceClient", "PUT", path, {}, registration);
    },

    /** Every page of the subject's consent sessions (Hydra answers at most page_size a request). */
    async listConsentSessions(subject: string): Promise<ConsentSession[]> {
      const path = `${SESSIONS}/consent`;
      const sessions: ConsentSession[] = [];
      const pageSize = String(consentPageSize);
      let query: Query = { subject, page_size: pageSize };
      for (let page = 0; page < MAX_PAGES; page++) {
        const { items, link, totalHeader } = await send("listConsentSessions", "GET", path, query, undefined, async (response) => ({
          items: (await parse("GET", path, response, hydraConsentSessions)) ?? [],
          link: response.headers.get("link"),
          totalHeader: response.headers.get("x-total-count"),
        }));
        sessions.push(...items.map(reshapeConsentSession));
        const next = nextPage({
          link,
          total: totalHeader !== null && Number.isFinite(Number(totalHeader)) ? Number(totalHeader) : undefined,
          read: sessions.length,
          items: items.length,
          pageSize: consentPageSize,
        });
        if (!next) return sessions;
        query = { subject, page_size: pageSize, page_token: next };
      }
      throw new ChallengeError("internal", `GET ${path}: more than ${MAX_PAGES} pages of consent sessions`);
    },
    /** Revokes one client's consent (and its tokens), or all of the subject's when client is omitted. */
    async revokeConsentSessions(subject: string, client?: string): Promise<void> {
      await send("revokeConsentSessions", "DELETE", `${SESSIONS}/consent`, client ? { subject, client } : { subject, all: "true" });
    },
    async revokeLoginSessions(subject: string): Promise<void> {
      await send("revokeLoginSessions", "DELETE", `${SESSIONS}/login`, { subject });
    },
    /** True when the admin API answers its readiness check, in Hydra's words ({"status":"ok"}):
     * any other 200 is not the admin API. */
    async isReady(): Promise<boolean> {
      try {
        await call("isReady", "GET", "/health/ready", {}, hydraHealth);
        return true;
      } catch {
        return false;
      }
    },
  };
}

export type ChallengeClient = ReturnType<typeof createChallengeClient>;

async function failure(method: Method, path: string, response: Response): Promise<ChallengeError> {
  const text = await response.text().catch(() => "");
  let summary = text.slice(0, 300);
  let error: string | null | undefined;
  try {
    const body = hydraError.safeParse(JSON.parse(text));
    if (body.success) {
      error = body.data.error;
      summary = [body.data.error, body.data.error_description].filter(Boolean).join(": ") || summary;
    }
  } catch {
    // Not JSON: keep the raw (truncated) text for the log.
  }
  return new ChallengeError(kindForStatus(response.status, error), `${method} ${path} → ${response.status} ${summary}`);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.name}: ${error.message}${cause}`;
}
