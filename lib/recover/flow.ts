import "server-only";
import type { Locale } from "@/lib/i18n/routing";
import { getTranslations } from "next-intl/server";
import { currentBrand } from "@/lib/branding";
import { attempt, challenges } from "@/lib/challenge";
import { optionalChallenge } from "@/lib/challenge/params";
import { formValue } from "@/lib/forms/values";
import { emailField, isEmail } from "@/lib/identity/email";
import { env } from "@/lib/config/env";
import { checkNewPassword, identityStore, type Account } from "@/lib/identity";
import { afterResponse } from "@/lib/mail/outbox";
import { countRevocation } from "@/lib/metrics";
import { resetSchema } from "./schema";
import type { RecoverState, ResetErrorKey, ResetState } from "./state";

// Password recovery by mail:
// 1. the screen answers the same whether or not an account uses the address (no enumeration);
//    each active account with that address gets its own single-use link (1 h, hashed at rest);
// 2. opening the link shows the new-password form (prefetching scanners do not use it up);
// 3. completing it sets the password, retires the account's other reset links, marks the address
//    verified (the person just proved they read it), clears the sign-in throttle, and ends every
//    login session of the person at the authorization server (DELETE
//    /admin/oauth2/auth/sessions/login?subject=), so whoever knew the old password is out.

export const RESET_TTL_SECONDS = 60 * 60;

export interface RecoverInput {
  challenge?: string;
  email: string;
}

export function readRecoverForm(formData: unknown): RecoverInput {
  return {
    challenge: optionalChallenge.parse(formValue(formData, "challenge") || undefined),
    email: emailField.parse(formValue(formData, "email")),
  };
}

export async function submitRecover(input: RecoverInput, locale: Locale): Promise<RecoverState> {
  if (!input.email) return { status: "error", error: "emailRequired", email: input.email };
  if (!isEmail(input.email)) return { status: "error", error: "emailInvalid", email: input.email };

  const [t, common, brand] = await Promise.all([
    getTranslations({ locale, namespace: "Mail" }),
    getTranslations({ locale, namespace: "Common" }),
    currentBrand(),
  ]);
  // Mails name the service as the screens do: the brand of the app the person came from.
  const service = common("serviceName", { brand: brand.name });
  // Looked up and acted on after the answer (lib/mail/outbox.ts): the same answer, at the same
  // time, whether or not the address has an account.
  await afterResponse("recovery", async (send) => {
    const store = await identityStore();
    const accounts = (await store.accounts.findByEmail(input.email)).filter((account) => account.active);
    for (const account of accounts) {
      const token = await store.tokens.issue({
        purpose: "reset_password",
        accountId: account.id,
        payload: { challenge: input.challenge ?? null },
        ttlSeconds: RESET_TTL_SECONDS,
      });
      const link = new URL("/recover/reset", env().TOBIRA_PUBLIC_URL);
      link.searchParams.set("token", token);
      await send({
        to: account.email ?? input.email,
        subject: t("resetSubject", { service }),
        text: t("resetBody", { service, account: account.userName, link: link.toString() }),
      });
    }
  });
  return { status: "sent", email: input.email };
}

export type ResetLink = { ok: true; account: Account } | { ok: false; reason: "invalid" | "expired" | "used" };

async function linkAccount(token: string): Promise<ResetLink> {
  const store = await identityStore();
  const found = await store.tokens.peek("reset_password", token);
  if (!found.ok) return { ok: false, reason: found.error };
  const account = found.accountId ? await store.accounts.findById(found.accountId) : undefined;
  return account?.active ? { ok: true, account } : { ok: false, reason: "invalid" };
}

/** What GET /recover/reset shows. */
export const beginReset = linkAccount;

export type ResetOutcome = { ok: true; redirectTo?: string } | { ok: false; state: ResetState };

export async function submitReset(token: string, password: string): Promise<ResetOutcome> {
  const link = await linkAccount(token);
  if (!link.ok) return { ok: false, state: { status: "error", error: link.reason } };
  const { account } = link;
  const parsed = resetSchema([account.userName, account.email], checkNewPassword).safeParse({ password });
  // The schema's messages are its keys (schema.ts).
  if (!parsed.success) return { ok: false, state: { status: "error", error: (parsed.error.issues[0]?.message ?? "internal") as ResetErrorKey } };

  const store = await identityStore();
  const used = await store.tokens.consume("reset_password", token);
  if (!used.ok) return { ok: false, state: { status: "error", error: used.error } };
  await store.accounts.setPassword(account.id, password);
  await store.tokens.retireAll(account.id, "reset_password");
  if (account.email) await store.accounts.markEmailVerified(account.id);
  await store.throttle.clearAccount(account.userName);
  await store.accounts.endSessions(account.id);
  const revoked = await attempt("recover: revoke login sessions", () => challenges().revokeLoginSessions(account.id));
  if (revoked.ok) countRevocation("recovery", "sign_in_sessions");

  const challenge = optionalChallenge.parse(used.payload.challenge ?? undefined);
  if (challenge) {
    const pending = await attempt("recover: login request", () => challenges().getLoginRequest(challenge));
    if (pending.ok) return { ok: true, redirectTo: `/login?${new URLSearchParams({ login_challenge: challenge, notice: "reset" })}` };
  }
  return { ok: true };
}
