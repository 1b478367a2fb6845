import "server-only";
import { after } from "next/server";
import { env } from "@/lib/config/env";
import { identityStore } from "@/lib/identity";
import type { LimitRule } from "@/lib/identity/limits";
import { requestClientAddress } from "@/lib/security/request-address";
import { sendMail, type Mail } from "./index";

// Mails that Tobira sends because someone asked for one. Two rules:
// 1. Registration and recovery do not wait for the work: whether the address has an account
//    decides what is done (a password hash and a new pending registration, or a reset link, or a
//    "you already have an account" mail), and that work runs after the response is sent, so the
//    time of the answer tells nothing about who has an account.
// 2. How many such mails one recipient address, and one client address, can cause is capped
//    (TOBIRA_MAIL_PER_RECIPIENT / TOBIRA_MAIL_PER_CLIENT an hour): nobody can flood a mailbox or
//    use Tobira to send mail in bulk. Over the cap the mail is dropped (and logged).
// Notices of a change to an account (a second factor added) are not asked for: they follow a
// change that was proven, are sent after the response and never capped, since dropping one would
// hide the change from the person.

const HOUR = 60 * 60;

const cap = (perHour: number): LimitRule => ({ free: perHour - 1, baseDelay: HOUR, maxDelay: 24 * HOUR, forgetAfter: HOUR, clearOnSuccess: false });

export type Sent = "sent" | "capped" | "failed";

/** Counts the mail towards the caps of its recipient and of `client`, then sends it. */
async function sendCapped(what: string, mail: Mail, client: string): Promise<Sent> {
  const { TOBIRA_MAIL_PER_RECIPIENT, TOBIRA_MAIL_PER_CLIENT } = env();
  const limits = (await identityStore()).limits;
  const reserved = await limits.reserve([
    { kind: "mail-to", value: mail.to.trim().toLowerCase(), rule: cap(TOBIRA_MAIL_PER_RECIPIENT) },
    { kind: "mail-from", value: client, rule: cap(TOBIRA_MAIL_PER_CLIENT) },
  ]);
  if (!reserved.ok) {
    console.warn(`mail: ${what}: not sent, the hourly cap for this recipient or client address is reached`);
    return "capped";
  }
  await reserved.settle(false);
  // sendMail logs a failure.
  return (await sendMail(mail)) ? "sent" : "failed";
}

const clientOfRequest = async () => (await requestClientAddress()) ?? "unknown";

/** Sends a mail the person waits for (a code to type) now, within the caps. */
export async function sendAskedFor(what: string, mail: Mail): Promise<Sent> {
  return sendCapped(what, mail, await clientOfRequest());
}

/** Runs `work` after the response; each mail it hands to `send` counts towards the caps. */
export async function afterResponse(what: string, work: (send: (mail: Mail) => Promise<void>) => Promise<void>): Promise<void> {
  const client = await clientOfRequest();
  // A mail over the cap or not accepted by the server: the person asks again (the screen said a
  // mail is on its way, whatever happens to it).
  const send = async (mail: Mail) => void (await sendCapped(what, mail, client));
  after(async () => {
    try {
      await work(send);
    } catch (error) {
      console.error(`mail: ${what} failed`, error);
    }
  });
}

/** Sends a notice of a change to the account after the response, uncapped (see above). */
export function noticeAfterResponse(what: string, mail: Mail): void {
  after(async () => {
    if (!(await sendMail(mail))) console.error(`mail: ${what}: the notice could not be sent`);
  });
}
