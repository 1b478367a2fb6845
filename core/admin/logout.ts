import type { Context } from "koa";
import { logoutCompletionUrl, type LogoutRequest } from "../logout";
import { clientView } from "./challenges";
import type { AdminDeps } from "./deps";
import { GoneError, notFound, requireQuery } from "./http";

// GET /admin/oauth2/auth/requests/logout, PUT …/logout/accept, PUT …/logout/reject

/**
 * 1. unknown or expired → 404
 * 2. already accepted, rejected or completed → 410 {redirect_to: the original logout URL}
 */
async function loadPendingLogout(deps: AdminDeps, challenge: string): Promise<LogoutRequest> {
  const request = await deps.logouts.get(challenge);
  if (!request) throw notFound();
  if (request.status !== "pending") throw new GoneError(request.requestUrl);
  return request;
}

export function getLogoutRequest(deps: AdminDeps) {
  return async (ctx: Context) => {
    const request = await loadPendingLogout(deps, requireQuery(ctx, "logout_challenge"));
    ctx.body = {
      challenge: request.challenge,
      subject: request.subject,
      sid: request.sid,
      request_url: request.requestUrl,
      rp_initiated: request.rpInitiated,
      client: request.clientId ? await clientView(deps, request.clientId) : null,
      requested_at: new Date(request.requestedAt * 1000).toISOString(),
      expires_at: new Date(request.expiresAt * 1000).toISOString(),
    };
  };
}

export function acceptLogoutRequest(deps: AdminDeps) {
  return async (ctx: Context) => {
    const request = await loadPendingLogout(deps, requireQuery(ctx, "logout_challenge"));
    if (!(await deps.logouts.transition(request.challenge, "pending", "accepted"))) throw new GoneError(request.requestUrl);
    const verifier = await deps.verifiers.issue("logout", request.challenge, request.expiresAt);
    if (!verifier) throw new GoneError(request.requestUrl);
    ctx.body = { redirect_to: logoutCompletionUrl(deps.config.issuer, verifier) };
  };
}

export function rejectLogoutRequest(deps: AdminDeps) {
  return async (ctx: Context) => {
    const request = await loadPendingLogout(deps, requireQuery(ctx, "logout_challenge"));
    if (!(await deps.logouts.transition(request.challenge, "pending", "rejected"))) throw new GoneError(request.requestUrl);
    ctx.status = 204;
  };
}
