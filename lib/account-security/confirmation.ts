import "server-only";
import { z } from "zod";
import type { Method } from "@/lib/assurance";
import { clearState, readState, writeState } from "@/lib/factors/state-cookie";
import { identityStore, type Account } from "@/lib/identity";
import { methodSchema } from "@/lib/mfa/pending";

// Managing second factors needs a fresh authentication (a "sudo" confirmation): the password,
// then the second factor when the account has one, or a passkey alone. It lasts ten minutes in a
// sealed cookie. Until the account area's own session exists (issue 8) this confirmation is also
// what identifies the person on /account/security.

const CONFIRMED = "tobira_security";
const HALFWAY = "tobira_security_pending";
export const CONFIRMATION_SECONDS = 10 * 60;

const confirmed = z.object({ subject: z.string(), methods: z.array(methodSchema), at: z.number() });
const halfway = z.object({ subject: z.string() });

export interface Confirmation {
  account: Account;
  methods: Method[];
  at: Date;
}

async function activeAccount(subject: string): Promise<Account | undefined> {
  const account = await (await identityStore()).accounts.findById(subject);
  return account?.active ? account : undefined;
}

/** The fresh confirmation of this browser, if any and the account may still sign in. */
export async function currentConfirmation(): Promise<Confirmation | undefined> {
  const value = await readState(CONFIRMED, confirmed);
  const account = value && (await activeAccount(value.subject));
  return account && value ? { account, methods: value.methods, at: new Date(value.at * 1000) } : undefined;
}

export async function confirm(subject: string, methods: Method[]): Promise<void> {
  await clearState(HALFWAY);
  await writeState(CONFIRMED, { subject, methods, at: Math.floor(Date.now() / 1000) }, CONFIRMATION_SECONDS);
}

export async function endConfirmation(): Promise<void> {
  await clearState(CONFIRMED);
  await clearState(HALFWAY);
}

/** Password given, second factor still to come. */
export async function holdHalfway(subject: string): Promise<void> {
  await writeState(HALFWAY, { subject }, 5 * 60);
}

export async function halfwayAccount(): Promise<Account | undefined> {
  const value = await readState(HALFWAY, halfway);
  return value ? activeAccount(value.subject) : undefined;
}
