import "server-only";
import { recordConsentGranted } from "@/lib/activity";
import { attempt, challenges, flowErrorFor, type ConsentRequest, type FlowError, type ProblemReason } from "@/lib/challenge";
import { currentConsentRequest } from "@/lib/challenge/current";
import { env } from "@/lib/config/env";
import { identityStore, idTokenClaims } from "@/lib/identity";
import { recordConsent, recordedConsents, recordPerUseGrant } from "@/lib/grants/enforce";
import { countConsent, type ConsentAnswer } from "@/lib/metrics";
import { rememberConsentedSession } from "@/lib/mfa/sessions";
import { isOffline } from "../scopes/catalogue";
import { scopeCatalogue } from "../scopes/catalogue-file";
import {
  assuranceLevel,
  consentDurationSeconds,
  decideConsent,
  grantFromAsk,
  latestRemembered,
  type Change,
  type ConsentDecision,
  type ConsentSituation,
  type Grant,
  type Mark,
} from "./decide";
import { detailsWithheld, readTransactions, type PaymentInitiation } from "./details";
import type { ConsentForm } from "./form";
import { clientLinks, clientName } from "@/lib/challenge/client-texts";
import { aboutKeys, pickLocalized, readConsentMetadata, type AboutKey } from "./metadata";
import { describeScopes, type ScopeItem } from "../scopes/describe";

export interface ConsentClientView {
  name: string;
  verified: boolean;
  logoUri?: string;
  tosUri?: string;
  policyUri?: string;
}

export type Localized = { text: string; lang?: string };
export type MarkedScope = ScopeItem & { mark?: Mark };

export interface ConsentView {
  challenge: string;
  client: ConsentClientView;
  /** Data scopes granted on allow (offline_access is shown as the access type instead). */
  scopes: MarkedScope[];
  /** Scopes the person may tick (never pre-ticked). */
  optionalScopes: MarkedScope[];
  audience: { value: string; isNew: boolean }[];
  access: { continuous: boolean; continuousIsNew: boolean; perUse: boolean; endsAt: Date };
  changes: Change[];
  previousEndedAt?: Date;
  about: Partial<Record<AboutKey, Localized>>;
  payments: PaymentInitiation[];
}

/** A page that explains why the request cannot be approved; its one button rejects it. */
export type RefusalView = { challenge: string; client: ConsentClientView; reason: "unsupported" | "step_up" };

export type ConsentStep =
  | { kind: "redirect"; to: string }
  | { kind: "form"; view: ConsentView }
  | { kind: "refusal"; view: RefusalView }
  | { kind: "problem"; reason: ProblemReason };

export type ConsentOutcome = { ok: true; redirectTo: string } | { ok: false; error: FlowError };

/** Everything the decision needs, read from the authorization server, catalogue and client. */
type Assessment =
  | { kind: "unsupported"; request: ConsentRequest }
  | { kind: "decided"; request: ConsentRequest; situation: ConsentSituation; decision: ConsentDecision; payments: PaymentInitiation[] };

async function assess(request: ConsentRequest): Promise<Assessment> {
  const catalogue = scopeCatalogue();
  const transactions = readTransactions(request.authorizationDetails, catalogue);
  if (!transactions.ok || detailsWithheld(request.authorizationDetails, request.requestUrl)) return { kind: "unsupported", request };

  const metadata = readConsentMetadata(request.client.metadata).metadata;
  // Tobira's own record joins the server's listing: Hydra lists no consent accepted while it
  // reported skip=true, e.g. the new decision after the app's terms changed (lib/db/schema/grants.ts).
  const sessions = request.subject
    ? [...(await challenges().listConsentSessions(request.subject)), ...(await recordedConsents(request.subject))]
    : [];
  const { TOBIRA_ACR_LEVEL2: level2, TOBIRA_ACR_LEVEL3: level3 } = env();
  const situation: ConsentSituation = {
    catalogue,
    requestedScopes: request.requestedScope,
    requestedAudience: request.requestedAudience,
    serverSkip: request.skip,
    firstParty: request.client.skipConsent,
    hasTransactions: transactions.payments.length > 0,
    transactionAssurance: transactions.assurance,
    remembered: latestRemembered(
      sessions.map((s) => ({ ...s, clientId: s.client?.id })),
      request.client.id,
    ),
    clientVersion: metadata.consent.version,
    optionalScopes: metadata.consent.optional_scopes,
    durationSeconds: consentDurationSeconds(metadata.consent, catalogue),
    sessionLevel: assuranceLevel(request.acr, { level2, level3 }),
    now: new Date(),
  };
  return { kind: "decided", request, situation, decision: decideConsent(situation), payments: transactions.payments };
}

/** Decides what GET /consent shows. */
export async function beginConsent(challenge: string, locale: string): Promise<ConsentStep> {
  const assessed = await attempt("consent: get request", async () => assess(await currentConsentRequest(challenge)));
  if (!assessed.ok) return { kind: "problem", reason: assessed.kind };
  const a = assessed.value;
  await rememberConsentedSession(a.request);
  const client = clientView(a.request, locale);

  // CONSENT.md §1.9: an authorization_details type Tobira cannot show is an error page.
  if (a.kind === "unsupported") return { kind: "refusal", view: { challenge, client, reason: "unsupported" } };
  const { decision, situation, request } = a;
  if (decision.kind === "step_up") return { kind: "refusal", view: { challenge, client, reason: "step_up" } };

  // The remembered consent covers the request (or a first-party client): accepted without a
  // page, as Ory's reference consent app does, granting nothing beyond what was decided before.
  if (decision.kind === "skip") {
    const accepted = await attempt("consent: skip", () => grant(request, decision, "skipped"));
    if (!accepted.ok) return { kind: "problem", reason: accepted.kind };
    countConsent(accepted.value.counted);
    return { kind: "redirect", to: accepted.value.to };
  }

  const items = describeScopes(request.requestedScope, situation.catalogue).filter((item) => !isOffline(item.scope));
  const marked = (item: ScopeItem): MarkedScope => ({ ...item, mark: decision.marks[item.scope] });
  const metadata = readConsentMetadata(request.client.metadata).metadata;
  const about: Partial<Record<AboutKey, Localized>> = {};
  for (const key of aboutKeys) {
    const text = pickLocalized(metadata.consent[key], locale);
    if (text) about[key] = text;
  }
  return {
    kind: "form",
    view: {
      challenge,
      client,
      scopes: items.filter((item) => !decision.optional.includes(item.scope)).map(marked),
      optionalScopes: items.filter((item) => decision.optional.includes(item.scope)).map(marked),
      audience: request.requestedAudience.map((value) => ({ value, isNew: decision.newAudience.includes(value) })),
      access: {
        continuous: decision.continuous,
        continuousIsNew: decision.changes.includes("offline_access"),
        perUse: decision.perUse,
        endsAt: decision.endsAt,
      },
      changes: decision.changes,
      ...(decision.previousEndedAt ? { previousEndedAt: decision.previousEndedAt } : {}),
      about,
      payments: a.payments,
    },
  };
}

/** Handles the posted decision. The request is read and decided again: what is granted comes
 * from the authorization server and the rules, never from the form (only the optional ticks). */
export async function submitConsent(form: ConsentForm): Promise<ConsentOutcome> {
  const decided = await attempt(`consent: ${form.decision}`, async (): Promise<{ to: string; counted: ConsentAnswer }> => {
    const a = await assess(await currentConsentRequest(form.challenge));
    if (a.kind === "unsupported") {
      // RFC 9396 §5: the request's authorization_details cannot be shown, so not approved.
      const to = await reject(form.challenge, "invalid_authorization_details", "The authorization_details contain a type or field this service cannot show to the user.");
      return { to, counted: "refused" };
    }
    if (a.decision.kind === "step_up") {
      // The second factor is not available yet (README "Assurance before consent").
      const to = await reject(
        form.challenge,
        "interaction_required",
        "A requested permission needs assurance level 3 (a second factor); this sign-in has a lower level and step-up is not available.",
      );
      return { to, counted: "refused" };
    }
    // CONSENT.md §2: deny ends the flow with access_denied; nothing is remembered.
    if (form.decision === "deny") return { to: await reject(form.challenge, "access_denied", "The person did not allow access."), counted: "denied" };
    if (a.decision.kind === "skip") return grant(a.request, a.decision, "granted");
    return grant(a.request, grantFromAsk(a.decision, a.situation, form.scope), "granted");
  });
  if (!decided.ok) return { ok: false, error: flowErrorFor(decided.kind) };
  countConsent(decided.value.counted);
  return { ok: true, redirectTo: decided.value.to };
}

async function reject(challenge: string, error: string, errorDescription: string): Promise<string> {
  return (await challenges().rejectConsent(challenge, { error, errorDescription })).redirectTo;
}

/** Accepts with exactly this grant and the ID token claims its scopes allow, and says how to
 * count it (`as`); a disabled or deleted account is denied, which counts as refused. */
async function grant(request: ConsentRequest, decided: Grant, as: "granted" | "skipped"): Promise<{ to: string; counted: ConsentAnswer }> {
  const store = await identityStore();
  const account = await store.accounts.findById(request.subject);
  if (!account?.active) return { to: await reject(request.challenge, "access_denied", "The account cannot sign in."), counted: "refused" };
  // Recorded before the authorization server grants it: a UI that stops in between must not
  // leave access that outlives the end date the screen showed, and a record that cannot be
  // written is "try again", not access without its end. A record whose accept then fails holds
  // the person's own decision, and their next decision replaces it.
  if (decided.remember) {
    await recordConsent(request.subject, request.client.id, decided);
  } else if (decided.grantScope.some(isOffline)) {
    // Per-use, yet the app keeps a refresh token: listed and revocable in the granted-apps page,
    // and ended on the date the screen showed (lib/grants/per-use.ts).
    await recordPerUseGrant(request.subject, request.client.id, decided);
  }
  const accepted = await challenges().acceptConsent(request.challenge, {
    grantScope: decided.grantScope,
    grantAudience: decided.grantAudience,
    remember: decided.remember,
    rememberFor: decided.rememberFor,
    context: decided.context,
    session: { idToken: idTokenClaims(account, decided.grantScope) },
  });
  await recordConsentGranted(request);
  return { to: accepted.redirectTo, counted: as };
}

function clientView(request: ConsentRequest, locale: string): ConsentClientView {
  const { client } = request;
  const metadata = readConsentMetadata(client.metadata).metadata;
  return { name: clientName(client, locale), verified: metadata.verified, ...clientLinks(client, locale) };
}

