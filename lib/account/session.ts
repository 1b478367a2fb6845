import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/config/env";
import { identityStore } from "@/lib/identity";
import { accountFlowSchema, accountSessionSchema, deriveKey, seal, unseal, type AccountFlow, type AccountSession } from "./seal";

// The account area's two cookies: the session (8 hours) and a pending sign-in (10 minutes).

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

const key = (purpose: "account-session" | "account-flow") => deriveKey(env().TOBIRA_SECRET, purpose);

/** The signed-in person, unless the session was ended since (or the account disabled or gone):
 * the cookie alone cannot say, so the identity store is asked on every request. */
export async function readAccountSession(): Promise<AccountSession | undefined> {
  const session = await unseal((await cookies()).get(SESSION_COOKIE)?.value, key("account-session"), accountSessionSchema);
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
  (await cookies()).set(SESSION_COOKIE, await seal(session, key("account-session"), SESSION_TTL), cookieOptions(SESSION_TTL));
}

export async function endAccountSession(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, "", cookieOptions(0));
}

export async function sealFlow(flow: AccountFlow): Promise<{ name: string; value: string; options: ReturnType<typeof cookieOptions> }> {
  return { name: FLOW_COOKIE, value: await seal(flow, key("account-flow"), FLOW_TTL), options: cookieOptions(FLOW_TTL) };
}

export async function takeFlow(): Promise<AccountFlow | undefined> {
  const store = await cookies();
  const flow = await unseal(store.get(FLOW_COOKIE)?.value, key("account-flow"), accountFlowSchema);
  store.set(FLOW_COOKIE, "", cookieOptions(0));
  return flow;
}
