import type { Context } from "koa";
import { z } from "zod";
import { nowSeconds } from "../../common/db/connect";
import type { TobiraLoginExtra } from "../provider";
import { answer, loadPending, loginRequestView, loginSkip, type InteractionInstance } from "./challenges";
import type { AdminDeps } from "./deps";
import { badRequest, parse, readJson, requireQuery } from "./http";

// GET /admin/oauth2/auth/requests/login, PUT …/login/accept, PUT …/login/reject

const acceptBody = z.object({
  subject: z.string().min(1),
  remember: z.boolean().optional(),
  remember_for: z.number().int().min(0).optional(),
  acr: z.string().optional(),
  amr: z.array(z.string()).optional(),
  context: z.unknown().optional(),
  extend_session_lifespan: z.boolean().optional(),
  force_subject_identifier: z.string().optional(),
  identity_provider_session_id: z.string().optional(),
});

export const rejectBody = z.object({
  error: z.string().min(1).optional(),
  error_description: z.string().optional(),
  error_hint: z.string().optional(),
  error_debug: z.string().optional(),
  status_code: z.number().int().optional(),
});

export function getLoginRequest(deps: AdminDeps) {
  return async (ctx: Context) => {
    const challenge = requireQuery(ctx, "login_challenge");
    const interaction = await loadPending(deps, challenge, "login");
    ctx.body = await loginRequestView(deps, interaction);
  };
}

export function acceptLoginRequest(deps: AdminDeps) {
  return async (ctx: Context) => {
    const challenge = requireQuery(ctx, "login_challenge");
    const body = parse(acceptBody, await readJson(ctx));
    const interaction = await loadPending(deps, challenge, "login");
    ctx.body = { redirect_to: await answer(deps, interaction, () => loginResult(deps, interaction, challenge, body)) };
  };
}

async function loginResult(deps: AdminDeps, interaction: InteractionInstance, challenge: string, body: z.infer<typeof acceptBody>) {
  const skip = loginSkip(interaction);
  const current = interaction.session?.uid ? await deps.provider.Session.findByUid(interaction.session.uid) : undefined;

  // Hydra: with skip=true the UI must confirm the subject it was given.
  if (skip && body.subject !== interaction.session?.accountId) {
    throw badRequest("Field 'subject' does not match subject from previous authentication.");
  }
  // Another person signs in on this browser: the old session ends here instead of oidc-provider
  // showing its own "switch account?" page when the browser returns.
  if (interaction.session && interaction.session.accountId !== body.subject) {
    if (current) await current.destroy();
    interaction.session = undefined;
  }

  const now = nowSeconds();
  const keepSession = skip && !body.extend_session_lifespan;
  const rememberFor = body.remember_for && body.remember_for > 0 ? body.remember_for : deps.config.sessionTtl;
  const extra: TobiraLoginExtra = {
    loginChallenge: challenge,
    context: body.context ?? null,
    ...(keepSession ? {} : { sessionTtl: body.remember ? rememberFor : deps.config.sessionTtl }),
  };
  const login = {
    accountId: body.subject,
    // Hydra: remember with remember_for 0 lasts for the browser session only (a session cookie).
    remember: skip && current ? !current.transient : Boolean(body.remember) && (body.remember_for ?? 0) > 0,
    ts: skip && current?.loginTs ? current.loginTs : now,
    ...((body.acr ?? (skip ? current?.acr : undefined)) ? { acr: body.acr ?? current?.acr } : {}),
    ...((body.amr ?? (skip ? current?.amr : undefined)) ? { amr: body.amr ?? current?.amr } : {}),
  };
  return { login, tobira: extra };
}

export function rejectLoginRequest(deps: AdminDeps) {
  return async (ctx: Context) => {
    const challenge = requireQuery(ctx, "login_challenge");
    const body = parse(rejectBody, await readJson(ctx));
    const interaction = await loadPending(deps, challenge, "login");
    ctx.body = { redirect_to: await answer(deps, interaction, async () => rejection(body)) };
  };
}

/** The error the client receives at its redirect_uri (RFC 6749 4.1.2.1). */
export function rejection(body: z.infer<typeof rejectBody>) {
  const description = [body.error_description, body.error_hint].filter(Boolean).join(" ");
  return {
    error: body.error ?? "access_denied",
    error_description: description || "The resource owner denied the request.",
  };
}
