import crypto from "node:crypto";
import { Readable } from "node:stream";
import type { Middleware } from "koa";
import type { KoaContextWithOIDC } from "oidc-provider";
import { nowSeconds } from "../common/db/connect";
import type { CoreConfig } from "./config";
import type { DeviceChallengeTable } from "./db/schema";
import { num, type CoreDatabase } from "./db/store";
import { bindToBrowser, isBoundBrowser, refuse, unbindBrowser, VerifierRepository } from "./verifiers";

// The device authorization grant (RFC 8628) the Hydra way. oidc-provider would render its own
// "enter the code" and "confirm" pages; instead:
// 1. the device gets `verification_uri` = the UI's device page (URLS_DEVICE_VERIFICATION);
// 2. the UI, given no challenge, sends the browser to `/oauth2/device/verify`, which records a
//    device challenge (with oidc-provider's form secret for this browser) and sends the browser
//    back to the UI with `?device_challenge=` (Hydra's `urls.device.verification`);
// 3. the UI accepts the challenge with the typed user code through the admin API
//    (`PUT /admin/oauth2/auth/requests/device/accept`) and follows `redirect_to`
//    (`/oauth2/device/verify?device_verifier=`, core/verifiers.ts), which the core replays as
//    oidc-provider's own confirmed code form post — only in the browser that visited step 2;
// 4. login and consent run through the UI as usual; the end is URLS_DEVICE_SUCCESS.

export const DEVICE_PATHS = {
  authorization: "/oauth2/device/auth",
  verification: "/oauth2/device/verify",
} as const;

export type DeviceChallengeStatus = "pending" | "accepted" | "used";

/** Names the device challenge this browser started (Hydra's device CSRF cookie). */
const DEVICE_COOKIE = "tobira_core_device";

export interface DeviceChallenge {
  challenge: string;
  xsrf: string;
  userCode?: string;
  status: DeviceChallengeStatus;
  expiresAt: number;
}

function fromRow(row: DeviceChallengeTable): DeviceChallenge {
  return {
    challenge: row.challenge,
    xsrf: row.xsrf,
    userCode: row.user_code ?? undefined,
    status: row.status as DeviceChallengeStatus,
    expiresAt: num(row.expires_at) ?? 0,
  };
}

export class DeviceChallengeRepository {
  constructor(private readonly db: CoreDatabase) {}

  async create(xsrf: string, ttl: number): Promise<string> {
    const challenge = crypto.randomBytes(24).toString("base64url");
    await this.db
      .insertInto("device_challenges")
      .values({ challenge, xsrf, user_code: null, status: "pending", expires_at: nowSeconds() + ttl })
      .execute();
    return challenge;
  }

  async get(challenge: string): Promise<DeviceChallenge | undefined> {
    const row = await this.db
      .selectFrom("device_challenges")
      .selectAll()
      .where("challenge", "=", challenge)
      .where("expires_at", ">", nowSeconds())
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Moves the challenge from `from` to `to`; false when it was not in `from` (already handled). */
  async transition(challenge: string, from: DeviceChallengeStatus, to: DeviceChallengeStatus, userCode?: string): Promise<boolean> {
    const result = await this.db
      .updateTable("device_challenges")
      .set({ status: to, ...(userCode === undefined ? {} : { user_code: userCode }) })
      .where("challenge", "=", challenge)
      .where("status", "=", from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

/** oidc-provider's user code normalization (upper case, no separators). */
export function normalizeUserCode(input: string): string {
  return input.normalize("NFKC").toUpperCase().replace(/\W/g, "");
}

/** The browser URL that continues an accepted device challenge (the admin accept's `redirect_to`). */
export function deviceVerifierUrl(issuer: string, verifier: string): string {
  const url = new URL(DEVICE_PATHS.verification, issuer);
  url.searchParams.set("device_verifier", verifier);
  return url.href;
}

interface DeviceState {
  tobiraUserCode?: string;
}

export function createDeviceFlow(deps: { config: CoreConfig; db: CoreDatabase }) {
  const { config } = deps;
  const challenges = new DeviceChallengeRepository(deps.db);
  const verifiers = new VerifierRepository(deps.db);

  function errorRedirect(ctx: KoaContextWithOIDC, error: string, description: string) {
    const target = new URL(config.errorUrl);
    target.searchParams.set("error", error);
    target.searchParams.set("error_description", description);
    ctx.redirect(target.href);
    ctx.status = 303;
  }

  /**
   * Replaces oidc-provider's code input page.
   * 1. after a failure (consent denied, code expired or used): the UI's error page
   * 2. otherwise: a new device challenge bound to this browser's form secret, and the UI
   */
  async function userCodeInputSource(ctx: KoaContextWithOIDC, _form: string, _out?: unknown, err?: unknown): Promise<void> {
    if (err) {
      const name = err instanceof Error ? err.name : "";
      if (name === "AbortedError") return errorRedirect(ctx, "access_denied", "The sign-in on the device was not allowed.");
      return errorRedirect(ctx, "invalid_grant", "The device code is unknown, expired or already used.");
    }
    const secret = (ctx.oidc.session?.state as { secret?: string } | undefined)?.secret;
    if (!secret) return errorRedirect(ctx, "invalid_request", "The device sign-in could not start.");
    const challenge = await challenges.create(secret, config.challengeTtl);
    bindToBrowser(ctx, DEVICE_COOKIE, challenge, DEVICE_PATHS.verification, config.challengeTtl);
    const target = new URL(config.deviceVerificationUrl);
    target.searchParams.set("device_challenge", challenge);
    const userCode = (ctx.state as DeviceState).tobiraUserCode;
    if (userCode) target.searchParams.set("user_code", userCode);
    ctx.redirect(target.href);
    ctx.status = 303;
  }

  /** Never reached (the verifier always confirms); never render oidc-provider's own page. */
  async function userCodeConfirmSource(ctx: KoaContextWithOIDC): Promise<void> {
    errorRedirect(ctx, "invalid_request", "The device sign-in must be confirmed through the sign-in service.");
  }

  async function successSource(ctx: KoaContextWithOIDC): Promise<void> {
    ctx.redirect(config.deviceSuccessUrl);
    ctx.status = 303;
  }

  /**
   * Runs before oidc-provider's routes.
   * - device authorization answers: the verification address is the UI's page (Hydra shows its own)
   * - GET verify?user_code=: the code travels to the UI instead of oidc-provider's auto-posting form
   * - GET verify?device_verifier=: an accepted challenge becomes oidc-provider's confirmed form
   *   post, when the verifier is the accept's and unused (else `unusable`) and this browser
   *   visited the verification page that made the challenge (else `other_browser`, nothing spent)
   */
  function middleware(): Middleware {
    return async (ctx, next) => {
      if (ctx.path === DEVICE_PATHS.authorization && ctx.method === "POST") {
        await next();
        const body = ctx.body as Record<string, unknown> | undefined;
        if (ctx.status === 200 && body && typeof body.user_code === "string") {
          const complete = new URL(config.deviceVerificationUrl);
          complete.searchParams.set("user_code", body.user_code);
          ctx.body = { ...body, verification_uri: config.deviceVerificationUrl, verification_uri_complete: complete.href };
        }
        return;
      }
      if (ctx.path !== DEVICE_PATHS.verification || ctx.method !== "GET") return next();

      const query = new URLSearchParams(ctx.querystring);
      const verifier = query.get("device_verifier");
      if (!verifier) {
        const userCode = query.get("user_code");
        if (userCode) (ctx.state as DeviceState).tobiraUserCode = userCode;
        query.delete("user_code");
        ctx.querystring = query.toString();
        return next();
      }

      ctx.set("Cache-Control", "no-store");
      const id = await verifiers.challengeOf("device", verifier);
      const challenge = id ? await challenges.get(id) : undefined;
      if (!challenge?.userCode) return refuse(ctx, config, "unusable");
      if (!isBoundBrowser(ctx, DEVICE_COOKIE, challenge.challenge)) return refuse(ctx, config, "other_browser");
      if (
        !(await verifiers.redeem("device", challenge.challenge, verifier)) ||
        !(await challenges.transition(challenge.challenge, "accepted", "used"))
      ) {
        return refuse(ctx, config, "unusable");
      }
      unbindBrowser(ctx, DEVICE_COOKIE, DEVICE_PATHS.verification);
      // oidc-provider reads a form body only from a POST; the (empty) GET body is replaced by the
      // form the person would have confirmed on oidc-provider's own page.
      const form = new URLSearchParams({ xsrf: challenge.xsrf, user_code: challenge.userCode, confirm: "yes" }).toString();
      const replacement = Readable.from([Buffer.from(form)]) as Readable & Partial<typeof ctx.req>;
      Object.assign(replacement, {
        headers: { ...ctx.req.headers, "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(form)) },
        method: "POST",
        url: DEVICE_PATHS.verification,
        socket: ctx.req.socket,
        httpVersion: ctx.req.httpVersion,
      });
      ctx.req = replacement as typeof ctx.req;
      ctx.request.req = ctx.req;
      return next();
    };
  }

  return { userCodeInputSource, userCodeConfirmSource, successSource, middleware, challenges };
}
