import "server-only";
import { attempt, challenges, flowErrorFor, type ConsentRequest, type FlowError, type ProblemReason } from "@/lib/challenge";
import { identityStore, idTokenClaims } from "@/lib/identity";
import type { ConsentForm } from "./form";
import { describeScopes, type ScopeItem } from "./scopes";

const REMEMBER_FOR_SECONDS = 365 * 24 * 60 * 60;

export interface ConsentView {
  challenge: string;
  client: { name: string; logoUri?: string; tosUri?: string; policyUri?: string; metadata: Record<string, unknown> };
  scopes: ScopeItem[];
}

export type ConsentStep =
  | { kind: "redirect"; to: string }
  | { kind: "form"; view: ConsentView }
  | { kind: "problem"; reason: ProblemReason };

export type ConsentOutcome = { ok: true; redirectTo: string } | { ok: false; error: FlowError };

/** Decides what GET /consent shows. */
export async function beginConsent(challenge: string): Promise<ConsentStep> {
  const loaded = await attempt("consent: get request", () => challenges().getConsentRequest(challenge));
  if (!loaded.ok) return { kind: "problem", reason: loaded.kind };
  const request = loaded.value;

  // skip=true (remembered consent covers the request) or a first-party client registered with
  // skip_consent: the authorization server's own decision, accepted without a page, as Ory's
  // reference consent app does. No new permission is granted beyond what was requested.
  if (request.skip || request.client.skipConsent) {
    const accepted = await attempt("consent: skip", () => grant(request));
    return accepted.ok ? { kind: "redirect", to: accepted.value } : { kind: "problem", reason: accepted.kind };
  }

  return {
    kind: "form",
    view: {
      challenge,
      client: {
        name: request.client.name,
        logoUri: webUrl(request.client.logoUri),
        tosUri: webUrl(request.client.tosUri),
        policyUri: webUrl(request.client.policyUri),
        metadata: request.client.metadata,
      },
      scopes: describeScopes(request.requestedScope),
    },
  };
}

/** Handles the posted decision. The request is read again: what is granted comes from the
 * authorization server, never from the form. */
export async function submitConsent(form: ConsentForm): Promise<ConsentOutcome> {
  const decided = await attempt(`consent: ${form.decision}`, async () => {
    if (form.decision === "deny") {
      // CONSENT.md §2: deny ends the flow with access_denied; nothing is remembered.
      const rejected = await challenges().rejectConsent(form.challenge, {
        error: "access_denied",
        errorDescription: "The person did not allow access.",
      });
      return rejected.redirectTo;
    }
    return grant(await challenges().getConsentRequest(form.challenge));
  });
  return decided.ok ? { ok: true, redirectTo: decided.value } : { ok: false, error: flowErrorFor(decided.kind) };
}

/** Grants every requested scope and audience (optional scopes come with the full consent
 * screen), with the ID token claims those scopes allow. A disabled or deleted account is denied. */
async function grant(request: ConsentRequest): Promise<string> {
  const store = await identityStore();
  const account = await store.accounts.findById(request.subject);
  if (!account?.active) {
    const rejected = await challenges().rejectConsent(request.challenge, {
      error: "access_denied",
      errorDescription: "The account cannot sign in.",
    });
    return rejected.redirectTo;
  }
  const accepted = await challenges().acceptConsent(request.challenge, {
    grantScope: request.requestedScope,
    grantAudience: request.requestedAudience,
    remember: true,
    rememberFor: REMEMBER_FOR_SECONDS,
    session: { idToken: idTokenClaims(account, request.requestedScope) },
  });
  return accepted.redirectTo;
}

/** Client-supplied links and logos are shown only when they are plain web URLs. */
function webUrl(value: string | undefined): string | undefined {
  if (!value || !URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === "https:" || protocol === "http:" ? value : undefined;
}
