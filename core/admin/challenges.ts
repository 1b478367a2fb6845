import type { AdapterPayload, AuthorizationDetail, Interaction } from "oidc-provider";
import { decodeJwt } from "jose";
import { nowSeconds } from "../../common/db/connect";
import type { ClientView } from "../clients";
import { findInteraction } from "../db/adapter";
import { FORCED_CONSENT, FORCED_LOGIN, OFFLINE_MARKER, PUBLIC_PATHS, type TobiraLoginExtra } from "../provider";
import { verifierParam } from "../verifiers";
import type { AdminDeps } from "./deps";
import { GoneError, notFound } from "./http";

// Login and consent challenges are oidc-provider interaction uids. This module turns an
// interaction into Hydra's OAuth2LoginRequest / OAuth2ConsentRequest JSON.

export type PromptName = "login" | "consent";
type Params = Record<string, unknown>;

export type InteractionInstance = Interaction;

const words = (value: unknown): string[] => (typeof value === "string" ? value.split(" ").filter(Boolean) : []);

const injectedConsent = (params: Params | undefined) => params?.[OFFLINE_MARKER] === "1";

/** The authorization URL as the client sent it (without what the core added itself). */
export function requestUrl(deps: AdminDeps, params: Params | undefined): string {
  const url = new URL(PUBLIC_PATHS.authorization, deps.config.issuer);
  for (const [key, value] of Object.entries(params ?? {})) {
    if (typeof value !== "string" || key === OFFLINE_MARKER) continue;
    if (key === "prompt" && injectedConsent(params)) {
      const original = words(value).filter((prompt) => prompt !== "consent");
      if (original.length) url.searchParams.set(key, original.join(" "));
      continue;
    }
    url.searchParams.set(key, value);
  }
  return url.href;
}

/**
 * Loads a challenge that may still be answered.
 * 1. unknown, expired, or a challenge of the other kind → 404
 * 2. accepted, rejected or already used by the browser → 410 {redirect_to: the original
 *    authorization URL} (Hydra's answer; the verifier went to the first caller only)
 */
export async function loadPending(deps: AdminDeps, uid: string, kind: PromptName): Promise<InteractionInstance> {
  const stored = await findInteraction(deps.db, uid);
  const payload: AdapterPayload | undefined = stored?.payload;
  if (!stored || !payload || payload.prompt?.name !== kind) throw notFound();
  if (stored.destroyed || payload.result) throw new GoneError(requestUrl(deps, payload.params));
  const interaction = (await deps.provider.Interaction.find(uid)) as Interaction | undefined;
  if (!interaction) throw notFound();
  return interaction;
}

/**
 * Answers the challenge (accept or reject) and says where the browser continues: the resume URL
 * with a fresh `<prompt>_verifier` (core/verifiers.ts).
 * 1. the challenge is claimed first: of two concurrent answers only one proceeds, the other is
 *    410 like a later one, and `decide` (which may end sessions, create grants) runs once
 * 2. `decide` failing (a 400, say) releases the claim, so the challenge can still be answered
 */
export async function answer(
  deps: AdminDeps,
  interaction: InteractionInstance,
  decide: () => Promise<Record<string, unknown>>,
): Promise<string> {
  const kind = interaction.prompt.name as PromptName;
  const ttl = Math.max(interaction.exp - nowSeconds(), 1);
  // The verifier, what the decision writes (a consent's grant and consent session) and the
  // interaction's result are one transaction: a crash half-way leaves the challenge pending, to be
  // answered again, never "already used" with nothing behind it.
  const verifier = await deps.atomic(async () => {
    const issued = await deps.verifiers.issue(kind, interaction.uid, nowSeconds() + ttl);
    if (!issued) return undefined;
    interaction.result = await decide();
    await interaction.save(ttl);
    return issued;
  });
  if (!verifier) throw new GoneError(requestUrl(deps, interaction.params));
  const continueAt = new URL(interaction.returnTo);
  continueAt.searchParams.set(verifierParam(kind), verifier);
  return continueAt.href;
}

/** True when no check fired except the core's own (so Hydra would report skip=true). */
export function onlyForced(interaction: InteractionInstance, forced: string): boolean {
  const own = new Set([forced]);
  if (forced === FORCED_CONSENT && injectedConsent(interaction.params)) own.add("consent_prompt");
  return interaction.prompt.reasons.every((reason) => own.has(reason));
}

export function loginSkip(interaction: InteractionInstance): boolean {
  // OIDC Core 3.1.2.1: max_age=0 asks for a fresh authentication, like prompt=login. oidc-provider
  // compares whole seconds, so a session started in the same second would otherwise count as fresh.
  if (String(interaction.params.max_age ?? "") === "0") return false;
  return Boolean(interaction.session?.accountId) && onlyForced(interaction, FORCED_LOGIN);
}

export function loginExtraOf(interaction: InteractionInstance): TobiraLoginExtra | undefined {
  return interaction.lastSubmission?.tobira as TobiraLoginExtra | undefined;
}

export async function clientView(deps: AdminDeps, clientId: unknown): Promise<ClientView | { client_id: string }> {
  const id = String(clientId ?? "");
  return (await deps.clients.get(id)) ?? { client_id: id };
}

function oidcContext(params: Params) {
  let idTokenHintClaims: Record<string, unknown> | undefined;
  if (typeof params.id_token_hint === "string") {
    try {
      // Already verified by oidc-provider (checkIdTokenHint) before the interaction started.
      idTokenHintClaims = decodeJwt(params.id_token_hint);
    } catch {
      idTokenHintClaims = undefined;
    }
  }
  // Hydra leaves empty members out (omitempty).
  const acrValues = words(params.acr_values);
  const uiLocales = words(params.ui_locales);
  return {
    ...(acrValues.length ? { acr_values: acrValues } : {}),
    ...(uiLocales.length ? { ui_locales: uiLocales } : {}),
    ...(typeof params.display === "string" ? { display: params.display } : {}),
    ...(typeof params.login_hint === "string" ? { login_hint: params.login_hint } : {}),
    ...(idTokenHintClaims ? { id_token_hint_claims: idTokenHintClaims } : {}),
  };
}

export async function loginRequestView(deps: AdminDeps, interaction: InteractionInstance) {
  const params = interaction.params;
  const skip = loginSkip(interaction);
  return {
    challenge: interaction.uid,
    skip,
    subject: skip ? (interaction.session?.accountId ?? "") : "",
    client: await clientView(deps, params.client_id),
    request_url: requestUrl(deps, params),
    requested_scope: words(params.scope),
    requested_access_token_audience: words(params.audience),
    oidc_context: oidcContext(params),
    ...(interaction.session?.uid ? { session_id: interaction.session.uid } : {}),
  };
}

/** The request's RFC 9396 authorization_details (a JSON array string in the parameters). */
export function authorizationDetailsOf(params: Params): AuthorizationDetail[] | undefined {
  if (typeof params.authorization_details !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(params.authorization_details);
    if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
    return parsed.filter(
      (detail): detail is AuthorizationDetail => typeof detail === "object" && detail !== null && typeof detail.type === "string",
    );
  } catch {
    return undefined;
  }
}

/** Hydra's consent request without the client (also the snapshot kept with a consent session). */
export async function consentRequestBody(deps: AdminDeps, interaction: InteractionInstance) {
  const params = interaction.params;
  const login = interaction.lastSubmission?.login;
  const extra = loginExtraOf(interaction);
  const requestedAudience = words(params.audience);
  const client = await deps.clients.get(String(params.client_id ?? ""));

  const authorizationDetails = authorizationDetailsOf(params);

  // RFC 9396 requests (e.g. a payment) are decided every time: never skip=true for them.
  let skip = Boolean(client?.skip_consent) && !authorizationDetails;
  if (!skip && !authorizationDetails && onlyForced(interaction, FORCED_CONSENT) && interaction.grantId) {
    const remembered = await deps.consents.byGrant(interaction.grantId);
    const now = nowSeconds();
    skip = Boolean(
      remembered?.remember &&
        (remembered.rememberUntil === undefined || remembered.rememberUntil > now) &&
        requestedAudience.every((aud) => remembered.grantAudience.includes(aud)),
    );
  }

  return {
    challenge: interaction.uid,
    skip,
    subject: interaction.session?.accountId ?? login?.accountId ?? "",
    request_url: requestUrl(deps, params),
    requested_scope: words(params.scope),
    requested_access_token_audience: requestedAudience,
    oidc_context: oidcContext(params),
    context: extra?.context ?? null,
    // Not in Hydra's OAuth2ConsentRequest: RFC 9396 authorization_details as the client sent
    // them (already checked for shape by oidc-provider), so the UI can show them.
    ...(authorizationDetails ? { authorization_details: authorizationDetails } : {}),
    ...(extra?.loginChallenge ? { login_challenge: extra.loginChallenge } : {}),
    ...(interaction.session?.uid ? { login_session_id: interaction.session.uid } : {}),
    ...((login?.acr ?? interaction.session?.acr) ? { acr: login?.acr ?? interaction.session?.acr } : {}),
    amr: login?.amr ?? interaction.session?.amr ?? [],
  };
}
