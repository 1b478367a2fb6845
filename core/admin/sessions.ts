import type { Context } from "koa";
import type Provider from "oidc-provider";
import { sendBackchannelLogout } from "../backchannel";
import { grantIdsOf, sessionIdsOf } from "../db/adapter";
import type { ConsentRecord } from "../consents";
import { clientView } from "./challenges";
import type { AdminDeps } from "./deps";
import { badRequest, queryParam, requireQuery } from "./http";
import { offsetToken } from "../../common/page-token";
import { linkHeader, offsetFrom, pageSize } from "./pagination";

// GET/DELETE /admin/oauth2/auth/sessions/consent, DELETE /admin/oauth2/auth/sessions/login

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Ends a grant and everything issued under it, so a later refresh answers invalid_grant. */
export async function revokeGrant(provider: Provider, grantId: string): Promise<void> {
  await Promise.all([
    provider.AccessToken.revokeByGrantId(grantId),
    provider.RefreshToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    provider.Grant.adapter.destroy(grantId),
  ]);
}

async function consentSessionView(deps: AdminDeps, record: ConsentRecord) {
  const { config } = deps;
  // Nothing issued under a grant outlives it (the grant ends at remember_for, see consent.ts).
  const until = (ttl: number) => iso(Math.min(record.handledAt + ttl, record.expiresAt));
  return {
    consent_request: { ...record.request, client: await clientView(deps, record.clientId) },
    grant_scope: record.grantScope,
    grant_access_token_audience: record.grantAudience,
    remember: record.remember,
    remember_for: record.rememberFor,
    // Whole seconds, like the end dates derived from it; the listing order carries the milliseconds.
    handled_at: iso(record.handledAt),
    session: record.session,
    // Hydra: the consent accept's context when it sent one, else the login's.
    context: record.context ?? record.request.context ?? null,
    expires_at: {
      access_token: until(config.accessTokenTtl),
      id_token: until(config.accessTokenTtl),
      authorize_code: until(config.authorizationCodeTtl),
      refresh_token: until(config.refreshTokenTtl),
    },
  };
}

export function listConsentSessions(deps: AdminDeps) {
  return async (ctx: Context) => {
    const subject = requireQuery(ctx, "subject");
    const limit = pageSize(ctx, 250);
    const offset = offsetFrom(ctx);
    const records = await deps.consents.listBySubject(subject, { limit: limit + 1, offset });
    const page = records.slice(0, limit);
    const next = records.length > limit ? offsetToken(offset + limit) : undefined;
    ctx.set("Link", linkHeader(ctx, limit, next));
    ctx.set("X-Total-Count", String(await deps.consents.countBySubject(subject)));
    ctx.body = await Promise.all(page.map((record) => consentSessionView(deps, record)));
  };
}

/**
 * 1. subject is required
 * 2. either client=<id> or all=true (Hydra refuses to guess)
 * 3. every grant of the subject (for that client) and its tokens are revoked
 */
export function revokeConsentSessions(deps: AdminDeps) {
  return async (ctx: Context) => {
    const subject = requireQuery(ctx, "subject");
    const client = queryParam(ctx, "client");
    const all = queryParam(ctx, "all") === "true";
    if (!client && !all) throw badRequest("Either 'client' or 'all=true' is required.");
    const ids = new Set([
      ...(await deps.consents.grantIds(subject, client)),
      ...(await grantIdsOf(deps.db, subject, client)),
    ]);
    // Each grant goes with its tokens and its consent session, or not at all: a crash half-way
    // never leaves a consent listed whose tokens are gone, or tokens whose consent is not listed.
    for (const grantId of ids) {
      await deps.atomic(async () => {
        await revokeGrant(deps.provider, grantId);
        await deps.consents.deleteGrant(grantId);
      });
    }
    ctx.status = 204;
  };
}

/** Ends browser sessions at the core: by subject (every browser) or by one session id (sid). */
export function revokeLoginSessions(deps: AdminDeps) {
  return async (ctx: Context) => {
    const subject = queryParam(ctx, "subject");
    const sid = queryParam(ctx, "sid");
    if (!subject && !sid) throw badRequest("Either 'subject' or 'sid' is required.");
    const { Session } = deps.provider;
    if (subject) {
      for (const id of await sessionIdsOf(deps.db, subject)) await Session.adapter.destroy(id);
    }
    // Hydra: revoking one session by `sid` performs back-channel logout, by `subject` it does not.
    if (sid) {
      const session = await Session.findByUid(sid);
      if (session) {
        await sendBackchannelLogout(deps.provider, session);
        await session.destroy();
      }
    }
    ctx.status = 204;
  };
}
