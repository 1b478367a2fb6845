import type { Context } from "koa";
import { z } from "zod";
import { deviceVerifierUrl, normalizeUserCode } from "../device";
import type { AdminDeps } from "./deps";
import { badRequest, GoneError, notFound, parse, readJson, requireQuery } from "./http";

// PUT /admin/oauth2/auth/requests/device/accept — Hydra's acceptUserCodeRequest.

const acceptBody = z.object({ user_code: z.string().optional() });

/**
 * 1. device_challenge is required; user_code must not be empty → 400
 * 2. unknown or expired challenge → 404; already accepted → 410 {redirect_to: the UI's device page}
 * 3. a user code that is unknown, expired, used or already being confirmed → 400 (Hydra's answer)
 * 4. the challenge remembers the code; the browser continues at the core's verifier URL with a
 *    fresh verifier (core/verifiers.ts)
 */
export function acceptDeviceRequest(deps: AdminDeps) {
  return async (ctx: Context) => {
    const challenge = requireQuery(ctx, "device_challenge");
    const body = parse(acceptBody, await readJson(ctx));
    const userCode = normalizeUserCode(body.user_code ?? "");
    if (!userCode) throw badRequest("Field 'user_code' must not be empty.");

    const pending = await deps.devices.get(challenge);
    if (!pending) throw notFound();
    if (pending.status !== "pending") throw new GoneError(deps.config.deviceVerificationUrl);

    const code = await deps.provider.DeviceCode.findByUserCode(userCode, { ignoreExpiration: true });
    if (!code || code.isExpired || code.error || code.accountId || code.inFlight) {
      throw badRequest("The 'user_code' session could not be found or has expired or is otherwise malformed.");
    }
    if (!(await deps.devices.transition(challenge, "pending", "accepted", userCode))) {
      throw new GoneError(deps.config.deviceVerificationUrl);
    }
    const verifier = await deps.verifiers.issue("device", challenge, pending.expiresAt);
    if (!verifier) throw new GoneError(deps.config.deviceVerificationUrl);
    ctx.body = { redirect_to: deviceVerifierUrl(deps.config.issuer, verifier) };
  };
}
