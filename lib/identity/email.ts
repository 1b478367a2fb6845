import { z } from "zod";

// An address as typed into registration and recovery (RFC 5321's 254-character path limit).

export const emailField = z.string().trim().max(254);
export const isEmail = (value: string) => z.email().safeParse(value).success;

/** An address shown to someone who so far gave only a password: enough for the person to know
 * which mailbox to look in, not the whole address ("ta•••@example.com"). */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "•••";
  const local = address.slice(0, at);
  return `${local.slice(0, local.length > 3 ? 2 : 1)}•••${address.slice(at)}`;
}
