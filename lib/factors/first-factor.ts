import "server-only";
import { z } from "zod";
import { identityStore, type Account } from "@/lib/identity";
import { maskEmail } from "@/lib/identity/email";
import { noticeAfterResponse, sendAskedFor } from "@/lib/mail/outbox";
import { factorStore } from "./index";
import { clearState, readState, writeState } from "./state-cookie";
import { hasSecondFactor } from "./verify";
import { checkFirstFactorCode, FIRST_FACTOR_CODE_DIGITS, FIRST_FACTOR_PURPOSE as PURPOSE, type CodeCheck } from "./first-factor-code";
import { addedMail, codeMail } from "./first-factor-mail";
import type { FirstFactorStep } from "./first-factor-state";

// Adding a first second factor needs more than the password (issue 16): whoever knows the
// password of an account without a factor could otherwise add an authenticator of their own,
// reach level 3 (payments) with it at once, and keep it on the account. So, during sign-in and on
// the security page alike:
// 1. Tobira first mails a short code to the account's verified address; typing it proves the
//    person reads that mailbox, which a password alone does not give. An account without a
//    verified address cannot add a first factor this way (the screens say what to do instead).
// 2. The code: 8 digits, 10 minutes, works once, a new one retires the old, hashed at rest
//    (lib/identity/tokens.ts). Sending it counts towards the mail caps (lib/mail/outbox.ts).
// 3. Each guess is counted before it is checked, on the one limit (lib/identity/limits.ts, the
//    second-factor rule: five wrong codes lock for 15 minutes), so a burst of parallel guesses
//    gets no more tries than one at a time.
// 4. The proof is held by this browser for 10 minutes, sealed and bound to the account and to
//    what it is for: the sign-in (its login challenge) or the security page. Only then are the
//    enrolment screens shown, and the enrolment actions check it again.
// 5. The factor added is recorded in the security activity (where it is added) and announced by
//    mail to the address.
// A further factor needs the existing one instead (lib/account/security/confirmation.ts), so none
// of this applies once the account has a factor.

const TTL_SECONDS = 10 * 60;
const COOKIE = "tobira_first_factor";

/** What the proof is for: a sign-in (its login challenge), or the security page. */
export type ProofScope = { signIn: string } | "security";
const bindOf = (scope: ProofScope) => (scope === "security" ? "security" : `sign-in:${scope.signIn}`);

const held = z.object({ subject: z.string(), bind: z.string(), sentAt: z.number().optional(), provenAt: z.number().optional() });

const nowSeconds = () => Math.floor(Date.now() / 1000);
const fresh = (at: number | undefined) => at !== undefined && nowSeconds() - at < TTL_SECONDS;

/** The address a code may go to: the account's, if the person proved they receive mail there. */
const addressOf = (account: Account) => (account.emailVerified && account.email ? account.email : undefined);

async function readHeld(accountId: string, scope: ProofScope) {
  const value = await readState(COOKIE, held);
  return value?.subject === accountId && value.bind === bindOf(scope) ? value : undefined;
}

/** Where the person is in proving their address for a first factor (GET: reads only). */
export async function firstFactorStep(account: Account, scope: ProofScope): Promise<FirstFactorStep> {
  const address = addressOf(account);
  if (!address) return { kind: "noAddress" };
  const state = await readHeld(account.id, scope);
  if (fresh(state?.provenAt)) return { kind: "proven" };
  return { kind: fresh(state?.sentAt) ? "code" : "ask", address: maskEmail(address) };
}

/** Whether this browser proved the account's address for this scope within the last 10 minutes
 * (a first factor may then be added; the callers check that the account has none yet). */
export async function mayAddFirstFactor(accountId: string, scope: ProofScope): Promise<boolean> {
  return fresh((await readHeld(accountId, scope))?.provenAt);
}

export type SendCodeResult = { ok: true } | { ok: false; error: "noAddress" | "mailLimit" | "mailFailed" };

/** Mails a new code to the account's verified address (server actions only: it sets a cookie). */
export async function sendFirstFactorCode(account: Account, scope: ProofScope): Promise<SendCodeResult> {
  const address = addressOf(account);
  if (!address) return { ok: false, error: "noAddress" };
  const code = await (await identityStore()).tokens.issueCode({ purpose: PURPOSE, accountId: account.id, digits: FIRST_FACTOR_CODE_DIGITS, ttlSeconds: TTL_SECONDS });
  const sent = await sendAskedFor("first factor code", await codeMail(account, address, code, TTL_SECONDS / 60));
  if (sent !== "sent") return { ok: false, error: sent === "capped" ? "mailLimit" : "mailFailed" };
  await writeState(COOKIE, { subject: account.id, bind: bindOf(scope), sentAt: nowSeconds() }, TTL_SECONDS);
  return { ok: true };
}

export type ProveResult = CodeCheck | { ok: false; error: "noAddress" | "hasFactor" };

/** The code the person typed: on success this browser holds the proof for `scope` (server
 * actions only). */
export async function proveFirstFactorCode(account: Account, scope: ProofScope, typed: string): Promise<ProveResult> {
  if (!addressOf(account)) return { ok: false, error: "noAddress" };
  const factors = await factorStore();
  if (await hasSecondFactor(factors, account.id)) return { ok: false, error: "hasFactor" };
  const checked = await checkFirstFactorCode((await identityStore()).tokens, factors, account.id, typed);
  if (!checked.ok) return checked;
  await writeState(COOKIE, { subject: account.id, bind: bindOf(scope), provenAt: nowSeconds() }, TTL_SECONDS);
  return { ok: true };
}

/** After a first factor was added: the proof is spent, and the address hears of it. */
export async function firstFactorAdded(account: Account, factor: "totp" | "passkey"): Promise<void> {
  await clearState(COOKIE);
  const address = addressOf(account);
  if (address) noticeAfterResponse("factor added", await addedMail(account, address, factor));
}
