import crypto from "node:crypto";
import type { Middleware } from "koa";
import type Provider from "oidc-provider";
import type { KoaContextWithOIDC } from "oidc-provider";
import { nowSeconds } from "../lib/db/connect";
import type { CoreConfig } from "./config";
import type { LogoutTable } from "./db/schema";
import { num, type CoreDatabase } from "./db/store";

// RP-initiated logout the Hydra way. oidc-provider would render its own "sign out?" form; instead
// the browser goes to the UI (`URLS_LOGOUT?logout_challenge=`), the UI accepts or rejects through
// the admin API, and an accepted request is completed when the browser follows `redirect_to`
// (`/oauth2/sessions/logout?logout_verifier=`): the session ends and the browser returns to the
// client's post_logout_redirect_uri (with `state`) or to URLS_POST_LOGOUT_REDIRECT.

export type LogoutStatus = "pending" | "accepted" | "rejected" | "done";

export interface LogoutRequest {
  challenge: string;
  subject: string;
  sid: string;
  clientId?: string;
  requestUrl: string;
  rpInitiated: boolean;
  postLogoutRedirectUri?: string;
  state?: string;
  status: LogoutStatus;
  requestedAt: number;
  expiresAt: number;
}

function fromRow(row: LogoutTable): LogoutRequest {
  return {
    challenge: row.challenge,
    subject: row.subject,
    sid: row.sid,
    clientId: row.client_id ?? undefined,
    requestUrl: row.request_url,
    rpInitiated: Number(row.rp_initiated) === 1,
    postLogoutRedirectUri: row.post_logout_redirect_uri ?? undefined,
    state: row.state ?? undefined,
    status: row.status as LogoutStatus,
    requestedAt: num(row.requested_at) ?? 0,
    expiresAt: num(row.expires_at) ?? 0,
  };
}

export class LogoutRepository {
  constructor(private readonly db: CoreDatabase) {}

  async get(challenge: string): Promise<LogoutRequest | undefined> {
    const row = await this.db
      .selectFrom("logout_requests")
      .selectAll()
      .where("challenge", "=", challenge)
      .where("expires_at", ">", nowSeconds())
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async insert(row: LogoutTable): Promise<void> {
    await this.db.insertInto("logout_requests").values(row).execute();
  }

  /** Moves the request from `from` to `to`; false when it was not in `from` (already handled). */
  async transition(challenge: string, from: LogoutStatus, to: LogoutStatus): Promise<boolean> {
    const result = await this.db
      .updateTable("logout_requests")
      .set({ status: to })
      .where("challenge", "=", challenge)
      .where("status", "=", from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

export function createLogoutFlow(deps: { config: CoreConfig; db: CoreDatabase }) {
  const { config } = deps;
  const repository = new LogoutRepository(deps.db);

  /** Replaces oidc-provider's logout form: record the request, send the browser to the UI. */
  async function begin(ctx: KoaContextWithOIDC): Promise<void> {
    const { session, params } = ctx.oidc;
    if (!session || !params) throw new Error("logout without a session context");
    const state = (session.state ?? {}) as { clientId?: string; state?: string; postLogoutRedirectUri?: string };
    const challenge = crypto.randomBytes(24).toString("base64url");
    const now = nowSeconds();
    await repository.insert({
      challenge,
      subject: session.accountId ?? "",
      sid: session.uid,
      session_id: session.jti,
      client_id: state.clientId ?? null,
      request_url: ctx.href,
      rp_initiated: params.id_token_hint || params.client_id ? 1 : 0,
      post_logout_redirect_uri: state.postLogoutRedirectUri ?? null,
      state: typeof state.state === "string" ? state.state : null,
      status: "pending",
      requested_at: now,
      expires_at: now + config.challengeTtl,
    });
    const target = new URL(config.logoutUrl);
    target.searchParams.set("logout_challenge", challenge);
    ctx.status = 303;
    ctx.redirect(target.href);
  }

  function errorRedirect(description: string): string {
    const target = new URL(config.errorUrl);
    target.searchParams.set("error", "invalid_request");
    target.searchParams.set("error_description", description);
    return target.href;
  }

  /** Completes an accepted logout when the browser follows the accept's `redirect_to`. */
  function middleware(provider: Provider): Middleware {
    return async (ctx, next) => {
      const verifier = ctx.query.logout_verifier;
      if (ctx.path !== "/oauth2/sessions/logout" || ctx.method !== "GET" || typeof verifier !== "string") {
        return next();
      }
      ctx.set("Cache-Control", "no-store");
      const request = await repository.get(verifier);
      if (!request || !(await repository.transition(verifier, "accepted", "done"))) {
        ctx.status = 303;
        ctx.redirect(errorRedirect("The logout request is unknown, expired, not accepted or already used."));
        return;
      }
      const session = await provider.Session.findByUid(request.sid);
      if (session) await session.destroy();
      ctx.cookies.set(provider.cookieName("session"), null, { httpOnly: true, sameSite: "lax" });

      let destination = config.postLogoutRedirectUrl;
      if (request.postLogoutRedirectUri) {
        const url = new URL(request.postLogoutRedirectUri);
        if (request.state) url.searchParams.set("state", request.state);
        destination = url.href;
      }
      ctx.status = 303;
      ctx.redirect(destination);
    };
  }

  return { begin, middleware, repository };
}

/** The browser URL that completes an accepted logout (the admin accept's `redirect_to`). */
export function logoutCompletionUrl(issuer: string, challenge: string): string {
  const url = new URL("/oauth2/sessions/logout", issuer);
  url.searchParams.set("logout_verifier", challenge);
  return url.href;
}
