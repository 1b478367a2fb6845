import crypto from "node:crypto";
import type { Middleware } from "koa";
import type Provider from "oidc-provider";
import type { KoaContextWithOIDC } from "oidc-provider";
import { nowSeconds } from "../common/db/connect";
import { sendBackchannelLogout } from "./backchannel";
import type { ClientRepository } from "./clients";
import type { CoreConfig } from "./config";
import type { LogoutTable } from "./db/schema";
import { num, type CoreDatabase } from "./db/store";
import { frontchannelUrls, renderFrontchannelPage } from "./frontchannel";
import { bindToBrowser, isBoundBrowser, refuse, singleQuery, unbindBrowser, VerifierRepository } from "./verifiers";

// RP-initiated logout the Hydra way. oidc-provider would render its own "sign out?" form; instead
// the browser goes to the UI (`URLS_LOGOUT?logout_challenge=`), the UI accepts or rejects through
// the admin API, and an accepted request is completed when the browser that asked to sign out
// follows `redirect_to` (`/oauth2/sessions/logout?logout_verifier=`, core/verifiers.ts): the
// session ends and the browser returns to the client's post_logout_redirect_uri (with `state`)
// or to URLS_POST_LOGOUT_REDIRECT — through a page that loads the clients' front-channel logout
// URIs first when any registered one (frontchannel.ts).

const LOGOUT_PATH = "/oauth2/sessions/logout";
/** Names the logout challenge this browser started (Hydra has none; the core binds like login). */
const LOGOUT_COOKIE = "tobira_core_logout";

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

export function createLogoutFlow(deps: { config: CoreConfig; db: CoreDatabase; clients: ClientRepository }) {
  const { config, clients } = deps;
  const frontchannelClient = async (clientId: string) => {
    const client = await clients.get(clientId);
    return client ? { frontchannelLogoutUri: client.frontchannel_logout_uri ?? "" } : undefined;
  };
  const repository = new LogoutRepository(deps.db);
  const verifiers = new VerifierRepository(deps.db);

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
    bindToBrowser(ctx, LOGOUT_COOKIE, challenge, LOGOUT_PATH, config.challengeTtl);
    const target = new URL(config.logoutUrl);
    target.searchParams.set("logout_challenge", challenge);
    ctx.status = 303;
    ctx.redirect(target.href);
  }

  /**
   * Completes an accepted logout when the browser follows the accept's `redirect_to`.
   * 1. the verifier must be unused and the accept's → else `unusable`
   * 2. the browser must be the one that asked to sign out → else `other_browser` (nothing spent)
   * 3. the verifier is spent and the request completed, each exactly once
   */
  function middleware(provider: Provider): Middleware {
    return async (ctx, next) => {
      if (ctx.path !== LOGOUT_PATH || ctx.method !== "GET" || ctx.query.logout_verifier === undefined) return next();
      ctx.set("Cache-Control", "no-store");
      const verifier = singleQuery(ctx, "logout_verifier");
      const challenge = verifier ? await verifiers.challengeOf("logout", verifier) : undefined;
      const request = challenge ? await repository.get(challenge) : undefined;
      if (!verifier || !challenge || !request) return refuse(ctx, config, "unusable");
      if (!isBoundBrowser(ctx, LOGOUT_COOKIE, challenge)) return refuse(ctx, config, "other_browser");
      if (!(await verifiers.redeem("logout", challenge, verifier)) || !(await repository.transition(challenge, "accepted", "done"))) {
        return refuse(ctx, config, "unusable");
      }
      const session = await provider.Session.findByUid(request.sid);
      let frontchannel: string[] = [];
      if (session) {
        frontchannel = await frontchannelUrls(session, config.issuer, frontchannelClient);
        await sendBackchannelLogout(provider, session);
        await session.destroy();
      }
      ctx.cookies.set(provider.cookieName("session"), null, { httpOnly: true, sameSite: "lax" });
      unbindBrowser(ctx, LOGOUT_COOKIE, LOGOUT_PATH);

      let destination = config.postLogoutRedirectUrl;
      if (request.postLogoutRedirectUri) {
        const url = new URL(request.postLogoutRedirectUri);
        if (request.state) url.searchParams.set("state", request.state);
        destination = url.href;
      }
      if (frontchannel.length) return renderFrontchannelPage(ctx, frontchannel, destination);
      ctx.status = 303;
      ctx.redirect(destination);
    };
  }

  return { begin, middleware, repository };
}

/** The browser URL that completes an accepted logout (the admin accept's `redirect_to`). */
export function logoutCompletionUrl(issuer: string, verifier: string): string {
  const url = new URL(LOGOUT_PATH, issuer);
  url.searchParams.set("logout_verifier", verifier);
  return url.href;
}
