import "server-only";
import { z } from "zod";
import type { Method } from "@/lib/assurance";
import { clearState, readState, writeState } from "@/lib/factors/state-cookie";

// A sign-in between its first and second factor, held by the browser in a sealed cookie tied to
// the login challenge (ten minutes, like the challenge itself). Nothing here is trusted beyond
// what Tobira itself wrote: the cookie is AES-256-GCM sealed with a key only the server has.

const COOKIE = "tobira_mfa";
const TTL_SECONDS = 10 * 60;

export const methodSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("password") }),
  z.object({ kind: z.literal("totp") }),
  z.object({ kind: z.literal("recovery") }),
  z.object({ kind: z.literal("passkey"), deviceBound: z.boolean() }),
]);

const pending = z.object({
  challenge: z.string(),
  subject: z.string(),
  first: z.array(methodSchema),
  remember: z.boolean(),
  /** A factor enrolled and proven during this sign-in, waiting for the person to continue. */
  second: z.array(methodSchema).optional(),
});

export type Pending = { challenge: string; subject: string; first: Method[]; remember: boolean; second?: Method[] };

export async function readPending(challenge: string): Promise<Pending | undefined> {
  const value = await readState(COOKIE, pending);
  return value?.challenge === challenge ? value : undefined;
}

export async function savePending(value: Pending): Promise<void> {
  await writeState(COOKIE, value, TTL_SECONDS);
}

export async function clearPending(): Promise<void> {
  await clearState(COOKIE);
}

// The challenge of one WebAuthn ceremony, bound to what it is for (a login challenge or an
// account), so that an assertion made for one purpose is not accepted for another.
const WEBAUTHN_COOKIE = "tobira_webauthn";
const ceremony = z.object({ purpose: z.string(), bind: z.string(), challenge: z.string() });

export async function saveCeremony(purpose: string, bind: string, challenge: string): Promise<void> {
  await writeState(WEBAUTHN_COOKIE, { purpose, bind, challenge }, 5 * 60);
}

/** The expected WebAuthn challenge, once: reading it ends the ceremony. */
export async function takeCeremony(purpose: string, bind: string): Promise<string | undefined> {
  const value = await readState(WEBAUTHN_COOKIE, ceremony);
  await clearState(WEBAUTHN_COOKIE);
  return value && value.purpose === purpose && value.bind === bind ? value.challenge : undefined;
}
