import "server-only";
import { decodeJwt } from "jose";
import { z } from "zod";
import { REAUTH_MAX_AGE_SECONDS, type AccountSession } from "@/lib/account/session-data";
import { levelOf, methodsOfAmr, type Method } from "@/lib/assurance";
import { factorStore } from "@/lib/factors";
import { clearState, readState, writeState } from "@/lib/factors/state-cookie";
import { identityStore, type Account } from "@/lib/identity";
import { methodSchema } from "@/lib/mfa/pending";

// Managing second factors needs a fresh authentication at the strength the account has: within
// ten minutes (the account area's REAUTH_MAX_AGE_SECONDS) the password, plus the second factor
// when the account has one (or a passkey alone). It comes from either
// 1. the account area's own sign-in (its ID token's auth_time and amr), when recent enough; or
// 2. a confirmation on the security page itself ("sudo": a sealed cookie bound to the account
//    session's subject), for whatever the sign-in did not cover.

const CONFIRMED = "tobira_security";
const HALFWAY = "tobira_security_pending";

const confirmed = z.object({ subject: z.string(), methods: z.array(methodSchema), at: z.number() });
const halfway = z.object({ subject: z.string(), at: z.number() });

export type Access =
  | { kind: "confirmed"; account: Account; methods: Method[]; until: Date }
  /** The password is fresh; the second factor is still needed. */
  | { kind: "needFactor"; account: Account }
  | { kind: "needPassword"; account: Account }
  | { kind: "disabled" };

const nowSeconds = () => Math.floor(Date.now() / 1000);

function sessionMethods(session: AccountSession): Method[] {
  try {
    const amr = decodeJwt(session.idToken).amr;
    return Array.isArray(amr) ? methodsOfAmr(amr.filter((value): value is string => typeof value === "string")) : [];
  } catch {
    return [];
  }
}

export interface AccessInputs {
  hasFactor: boolean;
  /** A confirmation made on the security page, if it is this person's. */
  sudo?: { methods: Method[]; at: number };
  /** The account area's sign-in: when, and how (its ID token's amr). */
  signIn: { authTime: number; methods: Method[] };
  /** When the password was confirmed on the security page, waiting for the second factor. */
  halfwayAt?: number;
  now: number;
}

/** What is still needed, given what happened when (pure, for testing). */
export function decideAccess(input: AccessInputs): { kind: "confirmed"; methods: Method[]; until: number } | { kind: "needFactor" | "needPassword" } {
  const fresh = (at: number) => input.now - at <= REAUTH_MAX_AGE_SECONDS;
  const strongEnough = (methods: Method[]) => (input.hasFactor ? levelOf(methods) === 3 : levelOf(methods) !== undefined);
  if (input.sudo && fresh(input.sudo.at) && strongEnough(input.sudo.methods)) {
    return { kind: "confirmed", methods: input.sudo.methods, until: input.sudo.at + REAUTH_MAX_AGE_SECONDS };
  }
  const { signIn } = input;
  if (fresh(signIn.authTime) && strongEnough(signIn.methods)) {
    return { kind: "confirmed", methods: signIn.methods, until: signIn.authTime + REAUTH_MAX_AGE_SECONDS };
  }
  const passwordFresh =
    (input.halfwayAt !== undefined && fresh(input.halfwayAt)) ||
    (input.sudo !== undefined && fresh(input.sudo.at)) ||
    (fresh(signIn.authTime) && signIn.methods.length > 0);
  return { kind: passwordFresh ? "needFactor" : "needPassword" };
}

/** What the person may do on the security page right now. */
export async function securityAccess(session: AccountSession): Promise<Access> {
  const account = await (await identityStore()).accounts.findById(session.sub);
  if (!account?.active) return { kind: "disabled" };
  const summary = await (await factorStore()).summary(account.id);
  const sudo = await readState(CONFIRMED, confirmed);
  const half = await readState(HALFWAY, halfway);
  const decided = decideAccess({
    hasFactor: summary.totp.length + summary.passkeys.length > 0,
    sudo: sudo?.subject === account.id ? sudo : undefined,
    signIn: { authTime: session.authTime, methods: sessionMethods(session) },
    halfwayAt: half?.subject === account.id ? half.at : undefined,
    now: nowSeconds(),
  });
  return decided.kind === "confirmed"
    ? { kind: "confirmed", account, methods: decided.methods, until: new Date(decided.until * 1000) }
    : { kind: decided.kind, account };
}

/** Records a confirmation made on the security page (only from server actions). `at` keeps the
 * time of the authentication it rests on, so that keeping it never extends it. */
export async function confirm(subject: string, methods: Method[], at = nowSeconds()): Promise<void> {
  await clearState(HALFWAY);
  const left = Math.max(at + REAUTH_MAX_AGE_SECONDS - nowSeconds(), 1);
  await writeState(CONFIRMED, { subject, methods, at }, left);
}

/** Password given, second factor still to come. */
export async function holdHalfway(subject: string): Promise<void> {
  await writeState(HALFWAY, { subject, at: nowSeconds() }, REAUTH_MAX_AGE_SECONDS);
}
