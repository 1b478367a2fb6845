import { Registry } from "./registry";

// The UI's metrics (README "Metrics"), served at /metrics (lib/metrics/endpoint.ts). Counters
// live in this process's memory: each instance counts what it did, so every instance is scraped.
// Kept on globalThis: proxy.ts, the pages, the route handlers and instrumentation.ts are bundled
// apart but run in one process, and must count into one registry.

export { PROMETHEUS_CONTENT_TYPE } from "./registry";

/** Seconds; from a cached admin call (a millisecond) to the UI's own 3-s admin timeout and past it. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type SignInFailure = "invalid_credentials" | "account_disabled" | "throttled" | "wrong_account" | "passkey_failed";
export type FactorMethod = "totp" | "recovery" | "passkey";
export type FactorResult = "succeeded" | "wrong" | "locked" | "internal";
export type ConsentAnswer = "granted" | "denied" | "skipped" | "refused";
export type RevokedBy = "person" | "end_date" | "provisioning" | "recovery";
export type Revoked = "app" | "all_apps" | "sign_in_sessions";
export type MailResult = "sent" | "failed";

/** The admin API's operations, one fixed name per method of lib/challenge/client.ts. */
export const ADMIN_OPERATIONS = [
  "getLoginRequest",
  "acceptLogin",
  "rejectLogin",
  "getConsentRequest",
  "acceptConsent",
  "rejectConsent",
  "getLogoutRequest",
  "acceptLogout",
  "rejectLogout",
  "acceptDeviceRequest",
  "getClient",
  "createClient",
  "replaceClient",
  "listConsentSessions",
  "revokeConsentSessions",
  "revokeLoginSessions",
  "isReady",
] as const;
export type AdminOperation = (typeof ADMIN_OPERATIONS)[number];

/** The keys lib/identity/limits.ts counts (the `kind` of each limited key). */
const THROTTLE_KINDS = ["account", "address", "second-factor", "first-factor-mail", "mail-to", "mail-from", "preview-token"] as const;
const FAILURES: readonly SignInFailure[] = ["invalid_credentials", "account_disabled", "throttled", "wrong_account", "passkey_failed"];
const CONSENTS: readonly ConsentAnswer[] = ["granted", "denied", "skipped", "refused"];
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** More distinct routes than the app has means something is wrong with the labels; cap them. */
const MAX_ROUTES = 200;

function declare() {
  const registry = new Registry();
  return {
    registry,
    requests: registry.histogram(
      "tobira_http_request_duration_seconds",
      "Time Next.js took to answer a request after proxy.ts, by app route pattern, method and status class, seconds.",
      ["route", "method", "status"],
      LATENCY_BUCKETS,
    ),
    proxy: registry.histogram("tobira_proxy_duration_seconds", "Time proxy.ts took before each request, seconds.", [], LATENCY_BUCKETS),
    signIns: registry.counter(
      "tobira_sign_ins_total",
      "Sign-ins: succeeded (a person proved who they are and the login was accepted), or failed by reason.",
      ["result", "reason"],
      [{ result: "succeeded", reason: "" }, ...FAILURES.map((reason) => ({ result: "failed", reason }))],
    ),
    factors: registry.counter("tobira_second_factor_checks_total", "Second-factor checks, by method and result.", ["method", "result"]),
    consents: registry.counter(
      "tobira_consents_total",
      "Consent requests answered, by decision (skipped: accepted without a screen; refused: the request could not be approved).",
      ["decision"],
      CONSENTS.map((decision) => ({ decision })),
    ),
    revocations: registry.counter("tobira_revocations_total", "Revocations through the admin API, by who asked and what ended.", ["by", "what"]),
    throttled: registry.counter(
      "tobira_throttled_attempts_total",
      "Attempts refused because a limit was reached, by the kind of limit.",
      ["kind"],
      THROTTLE_KINDS.map((kind) => ({ kind })),
    ),
    mails: registry.counter("tobira_mails_total", "Mails handed to the SMTP server (or written to the console), by result.", ["result"], [
      { result: "sent" },
      { result: "failed" },
    ]),
    adminCalls: registry.histogram(
      "tobira_admin_api_request_duration_seconds",
      "Admin API requests of the UI, by operation: from sending to the answer read and checked, failures included, seconds.",
      ["operation"],
      LATENCY_BUCKETS,
    ),
    adminErrors: registry.counter("tobira_admin_api_errors_total", "Admin API requests that failed, by operation and kind of failure.", ["operation", "kind"]),
    routes: new Set<string>(),
  };
}

type UiMetrics = ReturnType<typeof declare>;
const shared = globalThis as typeof globalThis & { __tobiraMetrics?: UiMetrics };
const metrics = (): UiMetrics => (shared.__tobiraMetrics ??= declare());

/** The exposition of every metric of this process. */
export const renderMetrics = (): string => metrics().registry.render();

/** A route label from Next.js's route pattern: patterns are the app's own files, so few; Next.js's
 * internal routes (`/_not-found` for any unknown path, `/_error`) and anything unexpected are `other`. */
export function routeLabel(route: string | undefined): string {
  if (!route || route.startsWith("/_") || !/^\/[\w\-./[\]]{0,100}$/.test(route)) return "other";
  const { routes } = metrics();
  if (!routes.has(route)) {
    if (routes.size >= MAX_ROUTES) return "other";
    routes.add(route);
  }
  return route;
}

const statusClass = (status: number) => (status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : "other");

export function observeRequest(route: string | undefined, method: string, status: number, seconds: number): void {
  metrics().requests.observe({ route: routeLabel(route), method: METHODS.has(method) ? method : "other", status: statusClass(status) }, seconds);
}

export const observeProxy = (seconds: number): void => metrics().proxy.observe({}, seconds);

export const countSignIn = (outcome: { ok: true } | { ok: false; reason: SignInFailure }): void =>
  metrics().signIns.inc(outcome.ok ? { result: "succeeded", reason: "" } : { result: "failed", reason: outcome.reason });

export const countFactorCheck = (method: FactorMethod, result: FactorResult): void => metrics().factors.inc({ method, result });

export const countConsent = (decision: ConsentAnswer): void => metrics().consents.inc({ decision });

export const countRevocation = (by: RevokedBy, what: Revoked): void => metrics().revocations.inc({ by, what });

export function countThrottled(kind: string): void {
  metrics().throttled.inc({ kind: (THROTTLE_KINDS as readonly string[]).includes(kind) ? kind : "other" });
}

export const countMail = (result: MailResult): void => metrics().mails.inc({ result });

/** One admin API request: its time, and its failure's kind when it failed (a ChallengeErrorKind:
 * lib/metrics sits below lib/challenge and does not import it). */
export function observeAdminCall(operation: AdminOperation, seconds: number, failure?: string): void {
  const m = metrics();
  m.adminCalls.observe({ operation }, seconds);
  if (failure) m.adminErrors.inc({ operation, kind: failure });
}
