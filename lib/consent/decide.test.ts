import { describe, expect, it } from "vitest";
import { parseCatalogue, type Catalogue } from "../scopes/catalogue";
import {
  assuranceLevel,
  consentDurationSeconds,
  decideConsent,
  grantFromAsk,
  latestRemembered,
  type ConsentSituation,
  type RememberedConsent,
} from "./decide";

const parsed = parseCatalogue({
  consent: { default_days: 365, max_days: 400 },
  scopes: {
    openid: { risk: "read" },
    profile: { risk: "read", items: ["name"] },
    email: { risk: "read", items: ["email"] },
    offline_access: { risk: "read" },
    accounts: { risk: "read" },
    transactions: { risk: "read", per_use: true },
    payments: { risk: "payment", per_use: true, assurance: 3 },
  },
});
if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
const catalogue: Catalogue = parsed.catalogue;

const now = new Date("2025-04-01T00:00:00Z");
const DAY = 86_400;

const remembered = (overrides: Partial<RememberedConsent> = {}): RememberedConsent => ({
  scopes: ["openid", "profile"],
  audience: [],
  declined: [],
  version: "1",
  handledAt: new Date("2025-03-01T00:00:00Z"),
  endsAt: new Date("2026-03-01T00:00:00Z"),
  ...overrides,
});

const situation = (overrides: Partial<ConsentSituation> = {}): ConsentSituation => ({
  catalogue,
  requestedScopes: ["openid", "profile"],
  requestedAudience: [],
  serverSkip: true,
  firstParty: false,
  hasTransactions: false,
  transactionAssurance: 2,
  remembered: remembered(),
  clientVersion: "1",
  optionalScopes: [],
  durationSeconds: 90 * DAY,
  sessionLevel: 2,
  now,
  ...overrides,
});

describe("decideConsent: when the screen is skipped", () => {
  it("skips when the remembered consent covers everything, keeping its end date", () => {
    const decision = decideConsent(situation());
    expect(decision).toMatchObject({ kind: "skip", grantScope: ["openid", "profile"], remember: true });
    if (decision.kind !== "skip") throw new Error("unreachable");
    expect(decision.rememberFor).toBe((Date.parse("2026-03-01T00:00:00Z") - now.getTime()) / 1000);
    expect(decision.context).toEqual({ tobira: { consent_version: "1", declined_scopes: [] } });
  });

  it("skips over an optional scope the person declined before, without granting it", () => {
    const decision = decideConsent(
      situation({ requestedScopes: ["openid", "profile", "email"], optionalScopes: ["email"], remembered: remembered({ declined: ["email"] }) }),
    );
    expect(decision).toMatchObject({ kind: "skip", grantScope: ["openid", "profile"], context: { tobira: { declined_scopes: ["email"] } } });
  });

  it("never skips when the authorization server does not (e.g. prompt=consent), and says nothing changed", () => {
    expect(decideConsent(situation({ serverSkip: false }))).toMatchObject({
      kind: "ask",
      changes: ["asked_again"],
      marks: { openid: "granted", profile: "granted" },
    });
  });

  it("asks without marks the first time", () => {
    expect(decideConsent(situation({ serverSkip: false, remembered: undefined }))).toMatchObject({ kind: "ask", changes: [], marks: {} });
  });

  it("skips a first-party client, but never its per-use scopes", () => {
    expect(decideConsent(situation({ firstParty: true, serverSkip: false, remembered: undefined }))).toMatchObject({
      kind: "skip",
      rememberFor: 90 * DAY,
    });
    expect(decideConsent(situation({ firstParty: true, requestedScopes: ["openid", "transactions"] }))).toMatchObject({ kind: "ask", perUse: true });
  });
});

describe("decideConsent: asked again, marking only what changed", () => {
  it("marks a new scope as new and the rest as already granted", () => {
    const decision = decideConsent(situation({ serverSkip: false, requestedScopes: ["openid", "profile", "accounts"] }));
    expect(decision).toMatchObject({ kind: "ask", changes: ["new_scopes"], marks: { openid: "granted", profile: "granted", accounts: "new" } });
  });

  it("asks when offline_access is newly requested", () => {
    const decision = decideConsent(situation({ requestedScopes: ["openid", "profile", "offline_access"] }));
    expect(decision).toMatchObject({ kind: "ask", changes: ["offline_access"], continuous: true, marks: { offline_access: "new" } });
  });

  it("asks for a new audience even when the server would skip", () => {
    const decision = decideConsent(situation({ requestedAudience: ["https://api.example"] }));
    expect(decision).toMatchObject({ kind: "ask", changes: ["new_audience"], newAudience: ["https://api.example"] });
  });

  it("asks when the client's consent metadata changed version", () => {
    expect(decideConsent(situation({ clientVersion: "2" }))).toMatchObject({ kind: "ask", changes: ["terms_changed"] });
    expect(decideConsent(situation({ clientVersion: undefined }))).toMatchObject({ kind: "ask", changes: ["terms_changed"] });
  });

  it("asks when the remembered consent has ended, without claiming anything is still granted", () => {
    const ended = new Date("2025-03-31T00:00:00Z");
    const decision = decideConsent(situation({ remembered: remembered({ endsAt: ended }) }));
    expect(decision).toMatchObject({ kind: "ask", changes: ["expired"], marks: {}, previousEndedAt: ended });
  });
});

describe("decideConsent: always asked, and step-up first", () => {
  it("asks every time for per-use scopes and transactions, remembering nothing", () => {
    expect(decideConsent(situation({ requestedScopes: ["openid", "transactions"], remembered: remembered({ scopes: ["openid", "transactions"] }) }))).toMatchObject({
      kind: "ask",
      perUse: true,
    });
    const transaction = decideConsent(situation({ hasTransactions: true }));
    expect(transaction).toMatchObject({ kind: "ask", perUse: true });
    if (transaction.kind !== "ask") throw new Error("unreachable");
    expect(grantFromAsk(transaction, situation(), []).remember).toBe(false);
  });

  it("steps up before anything else when a scope or transaction needs level 3", () => {
    expect(decideConsent(situation({ requestedScopes: ["openid", "payments"] }))).toEqual({ kind: "step_up", required: 3 });
    expect(decideConsent(situation({ hasTransactions: true, transactionAssurance: 3 }))).toEqual({ kind: "step_up", required: 3 });
    expect(decideConsent(situation({ requestedScopes: ["openid", "payments"], sessionLevel: 3 }))).toMatchObject({ kind: "ask", perUse: true });
  });

  it("reads the session's level from acr only when it is one of Tobira's", () => {
    const levels = { level2: "urn:tobira:loa:2", level3: "urn:tobira:loa:3" };
    expect(assuranceLevel("urn:tobira:loa:3", levels)).toBe(3);
    expect(assuranceLevel("urn:tobira:loa:2", levels)).toBe(2);
    expect(assuranceLevel("something-else", levels)).toBe(0);
    expect(assuranceLevel(undefined, levels)).toBe(0);
  });
});

describe("end dates and what allow grants", () => {
  it("takes the client's duration, defaults to the catalogue's and caps at the operator's maximum", () => {
    expect(consentDurationSeconds({}, catalogue)).toBe(365 * DAY);
    expect(consentDurationSeconds({ duration_days: 30 }, catalogue)).toBe(30 * DAY);
    expect(consentDurationSeconds({ duration_seconds: 5 }, catalogue)).toBe(5);
    expect(consentDurationSeconds({ duration_days: 1000 }, catalogue)).toBe(400 * DAY);
  });

  it("ends the asked consent after the duration", () => {
    const decision = decideConsent(situation({ serverSkip: false, durationSeconds: 30 * DAY }));
    expect(decision).toMatchObject({ kind: "ask", endsAt: new Date("2025-05-01T00:00:00Z") });
  });

  it("grants required scopes and only the optional ones ticked, remembering the declined ones", () => {
    const s = situation({ serverSkip: false, requestedScopes: ["openid", "profile", "email", "accounts"], optionalScopes: ["email", "accounts"] });
    const decision = decideConsent(s);
    if (decision.kind !== "ask") throw new Error("expected ask");
    expect(decision.optional).toEqual(["email", "accounts"]);
    expect(grantFromAsk(decision, s, ["accounts", "not-requested", "openid"])).toEqual({
      grantScope: ["openid", "profile", "accounts"],
      grantAudience: [],
      remember: true,
      rememberFor: 90 * DAY,
      context: { tobira: { consent_version: "1", declined_scopes: ["email"] } },
    });
  });

  it("picks the newest remembered decision of this client from the consent sessions", () => {
    const latest = latestRemembered(
      [
        { clientId: "a", grantScope: ["openid"], grantAudience: [], handledAt: "2025-01-01T00:00:00Z", remember: true, rememberFor: 60 },
        { clientId: "a", grantScope: ["openid", "email"], grantAudience: [], handledAt: "2025-02-01T00:00:00Z", remember: true, rememberFor: 0, context: { tobira: { consent_version: 3, declined_scopes: ["x"] } } },
        { clientId: "b", grantScope: ["profile"], grantAudience: [], handledAt: "2025-03-01T00:00:00Z", remember: true, rememberFor: 60 },
      ],
      "a",
    );
    expect(latest).toEqual({
      scopes: ["openid", "email"],
      audience: [],
      declined: ["x"],
      version: "3",
      handledAt: new Date("2025-02-01T00:00:00Z"),
      endsAt: undefined,
    });
  });
});
