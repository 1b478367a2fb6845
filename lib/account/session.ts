import "server-only";
import { cookies } from "next/headers";
import type { z } from "zod";
import type { KeyRing } from "@/common/key-ring";
import { openState, sealState } from "@/common/seal";
import { env, secretRing } from "@/lib/config/env";
import { identityStore } from "@/lib/identity";
import { accountFlowSchema, accountSessionSchema, type AccountFlow, type AccountSession } from "./session-data";

// The account area's two cookies: the session (8 hours) and a pending sign-in (10 minutes),
// sealed like every other value Tobira hands the browser (common/seal.ts), each purpose with its
// own key, so nobody can read or forge them and the UI stays stateless.

const SESSION_COOKIE = "tobira_account";
const FLOW_COOKIE = "tobira_account_flow";
const SESSION_TTL = 8 * 60 * 60;
const FLOW_TTL = 10 * 60;

function cookieOptions(maxAge: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().TOBIRA_PUBLIC_URL.startsWith("https:"),
    path: "/account",
    maxAge,
  };
}

type Purpose = "account-session" | "account-flow";

export function sealAccountCookie(ring: KeyRing, purpose: Purpose, value: object, ttlSeconds: number, now = Date.now()): string {
  return sealState(ring, purpose, value, ttlSeconds, now);
}

/** The value, validated; undefined when missing, tampered with, expired or of another shape. */
export function openAccountCookie<S extends z.ZodType>(ring: KeyRing, purpose: Purpose, value: string | undefined, schema: S, now = Date.now()): z.infer<S> | undefined {
  const parsed = schema.safeParse(openState(ring, purpose, value, now));
  return parsed.success ? parsed.data : undefined;
}

/** The signed-in person, unless the session was ended since (or the account disabled or gone):
 * the cookie alone cannot say, so the identity store is asked on every request. */
export async function readAccountSession(): Promise<AccountSession | undefined> {
  const session = openAccountCookie(secretRing(), "account-session", (await cookies()).get(SESSION_COOKIE)?.value, accountSessionSchema);
  if (!session) return undefined;
  try {
    return (await (await identityStore()).accounts.sessionValid(session.sub, session.since)) ? session : undefined;
  } catch (error) {
    // Fails closed: without the store nobody is taken as signed in.
    console.error("account: session check failed", error);
    return undefined;
  }
}

/** Only from a server action or route handler (the places that may set cookies). */
export async function writeAccountSession(session: AccountSession): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, sealAccountCookie(secretRing(), "account-session", session, SESSION_TTL), cookieOptions(SESSION_TTL));
}

export async function endAccountSession(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, "", cookieOptions(0));
}

export async function sealFlow(flow: AccountFlow): Promise<{ name: string; value: string; options: ReturnType<typeof cookieOptions> }> {
  return { name: FLOW_COOKIE, value: sealAccountCookie(secretRing(), "account-flow", flow, FLOW_TTL), options: cookieOptions(FLOW_TTL) };
}

export async function takeFlow(): Promise<AccountFlow | undefined> {
  const store = await cookies();
  const flow = openAccountCookie(secretRing(), "account-flow", store.get(FLOW_COOKIE)?.value, accountFlowSchema);
  store.set(FLOW_COOKIE, "", cookieOptions(0));
  return flow;
}
