import type { Context } from "koa";
import { z } from "zod";
import { nowSeconds } from "../../common/db/connect";
import { answer, clientView, consentRequestBody, loadPending, type InteractionInstance } from "./challenges";
import type { AdminDeps } from "./deps";
import { badRequest, HydraError, parse, readJson, requireQuery } from "./http";
import { rejectBody, rejection } from "./login";
import { OPENID_SCOPES } from "../provider";

// GET /admin/oauth2/auth/requests/consent, PUT …/consent/accept, PUT …/consent/reject

const claimsObject = z.record(z.string(), z.unknown()).nullable().optional();

const acceptBody = z.object({
  grant_scope: z.array(z.string()).optional(),
  grant_access_token_audience: z.array(z.string()).optional(),
  remember: z.boolean().optional(),
  remember_for: z.number().int().min(0).optional(),
  session: z.object({ access_token: claimsObject, id_token: claimsObject }).nullable().optional(),
  context: z.unknown().optional(),
  handled_at: z.string().optional(),
});

export function getConsentRequest(deps: AdminDeps) {
  return async (ctx: Context) => {
    const challenge = requireQuery(ctx, "consent_challenge");
    const interaction = await loadPending(deps, challenge, "consent");
    const body = await consentRequestBody(deps, interaction);
    ctx.body = { ...body, client: await clientView(deps, interaction.params.client_id) };
  };
}

export function acceptConsentRequest(deps: AdminDeps) {
  return async (ctx: Context) => {
    const challenge = requireQuery(ctx, "consent_challenge");
    const body = parse(acceptBody, await readJson(ctx));
    const interaction = await loadPending(deps, challenge, "consent");
    ctx.body = { redirect_to: await answer(deps, interaction, () => consentResult(deps, interaction, challenge, body)) };
  };
}

async function consentResult(deps: AdminDeps, interaction: InteractionInstance, challenge: string, body: z.infer<typeof acceptBody>) {
  const { provider, config } = deps;

  // 1. who and for which client
  const request = await consentRequestBody(deps, interaction);
  const clientId = String(interaction.params.client_id ?? "");
  const subject = request.subject;
  if (!subject) throw new HydraError(500, "server_error", "internal error", "consent without a subject");

  // 2. only requested scopes can be granted; audiences must be allowed for the client
  const grantScope = request.requested_scope.filter((scope) => body.grant_scope?.includes(scope));
  const allowedAudience = (await deps.clients.get(clientId))?.audience ?? [];
  const grantAudience = body.grant_access_token_audience ?? [];
  const denied = grantAudience.filter((aud) => !allowedAudience.includes(aud));
  if (denied.length) throw badRequest(`Audience ${denied.join(" ")} is not allowed for this client.`);

  // 3. a new grant for exactly this decision (like Hydra, each accept is its own consent
  //    session; tokens issued under an earlier one keep their claims). remember_for > 0 is the
  //    end date the person was shown: the grant, and with it every refresh token, ends then
  //    (Hydra only stops reusing the decision; Tobira's core also ends the access).
  const remember = Boolean(body.remember);
  const rememberFor = body.remember_for ?? 0;
  const lifetime = rememberFor > 0 ? rememberFor : config.grantTtl;
  const grant = new provider.Grant({ accountId: subject, clientId, expiresIn: lifetime } as ConstructorParameters<typeof provider.Grant>[0]);
  if (grantScope.length) grant.addOIDCScope(grantScope);
  const rejected = request.requested_scope.filter((scope) => !grantScope.includes(scope));
  if (rejected.length) grant.rejectOIDCScope(rejected);
  // The resource server (RFC 8707) a request with API scopes or authorization_details gets
  // (provider.ts: the issuer) receives the API scopes the person granted; the rest are recorded
  // as refused. Set on every grant, not only when oidc-provider found them missing, because
  // each accept makes a new grant.
  const apiScopes = request.requested_scope.filter((scope) => !OPENID_SCOPES.has(scope));
  const resources = new Set(Object.keys((interaction.prompt.details.missingResourceScopes as object | undefined) ?? {}));
  if (apiScopes.length || request.authorization_details) resources.add(config.issuer);
  for (const resource of resources) {
    const granted = apiScopes.filter((scope) => grantScope.includes(scope));
    const refused = apiScopes.filter((scope) => !grantScope.includes(scope));
    if (granted.length) grant.addResourceScope(resource, granted.join(" "));
    if (refused.length) grant.rejectResourceScope(resource, refused.join(" "));
  }
  const missingClaims = interaction.prompt.details.missingOIDCClaims;
  if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims.map(String));
  // RFC 9396: the authorization details the person approved travel with the grant into the
  // code, the tokens and introspection. Accepting approves all of them or none.
  for (const detail of request.authorization_details ?? []) grant.addRar(detail);
  await grant.save();

  // 4. the consent session: remembered decision, claims for tokens, listing
  const now = nowSeconds();
  await deps.consents.save({
    grantId: grant.jti,
    subject,
    clientId,
    challenge,
    loginChallenge: request.login_challenge,
    loginSessionId: request.login_session_id,
    grantScope,
    grantAudience,
    remember,
    skip: request.skip,
    rememberFor,
    handledAt: now,
    handledAtMs: Date.now(),
    rememberUntil: remember && rememberFor > 0 ? now + rememberFor : undefined,
    session: { access_token: body.session?.access_token ?? {}, id_token: body.session?.id_token ?? {} },
    request,
    expiresAt: grant.exp ?? now + lifetime,
    ...(body.context !== undefined ? { context: body.context } : {}),
  });

  // 5. continue the authorization with the earlier login result
  return { ...(interaction.lastSubmission ?? {}), consent: { grantId: grant.jti } };
}

export function rejectConsentRequest(deps: AdminDeps) {
  return async (ctx: Context) => {
    const challenge = requireQuery(ctx, "consent_challenge");
    const body = parse(rejectBody, await readJson(ctx));
    const interaction = await loadPending(deps, challenge, "consent");
    ctx.body = { redirect_to: await answer(deps, interaction, async () => rejection(body)) };
  };
}
