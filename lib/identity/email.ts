import * as z from "zod/mini";

// An address as typed into registration and recovery (RFC 5321's 254-character path limit).
// The small build of zod: the registration form also checks the address in the browser
// (lib/register/schema.ts), and this keeps that page light.

/** Trimmed; "" when it is not text or too long. */
export const emailField = z.catch(z.string().check(z.trim(), z.maxLength(254)), "");
const address = z.email();
export const isEmail = (value: string) => address.safeParse(value).success;

/** An address shown to someone who so far gave only a password: enough for the person to know
 * which mailbox to look in, not the whole address ("ta•••@example.com"). */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "•••";
  const local = address.slice(0, at);
  return `${local.slice(0, local.length > 3 ? 2 : 1)}•••${address.slice(at)}`;
}
