import "server-only";
import { after } from "next/server";
import { env } from "@/lib/config/env";
import { identityStore } from "@/lib/identity";
import type { LimitRule } from "@/lib/identity/limits";
import { requestClientAddress } from "@/lib/security/request-address";
import { sendMail, type Mail } from "./index";

// Mails that registration and recovery send on a stranger's request. Two rules:
// 1. The answer does not wait for the work: whether the address has an account decides what is
//    done (a password hash and a new pending registration, or a reset link, or a "you already
//    have an account" mail), and that work runs after the response is sent, so the time of the
//    answer tells nothing about who has an account.
// 2. How many such mails one recipient address, and one client address, can cause is capped
//    (TOBIRA_MAIL_PER_RECIPIENT / TOBIRA_MAIL_PER_CLIENT an hour): nobody can flood a mailbox or
//    use Tobira to send mail in bulk. Over the cap the mail is dropped (and logged); the answer
//    stays the same, so it reveals nothing either.

const HOUR = 60 * 60;

const cap = (perHour: number): LimitRule => ({ free: perHour - 1, baseDelay: HOUR, maxDelay: 24 * HOUR, forgetAfter: HOUR, clearOnSuccess: false });

/** Runs `work` after the response; each mail it hands to `send` counts towards the caps. */
export async function afterResponse(what: string, work: (send: (mail: Mail) => Promise<void>) => Promise<void>): Promise<void> {
  const client = (await requestClientAddress()) ?? "unknown";
  const { TOBIRA_MAIL_PER_RECIPIENT, TOBIRA_MAIL_PER_CLIENT } = env();
  const send = async (mail: Mail) => {
    const limits = (await identityStore()).limits;
    const reserved = await limits.reserve([
      { kind: "mail-to", value: mail.to.trim().toLowerCase(), rule: cap(TOBIRA_MAIL_PER_RECIPIENT) },
      { kind: "mail-from", value: client, rule: cap(TOBIRA_MAIL_PER_CLIENT) },
    ]);
    if (!reserved.ok) {
      console.warn(`mail: ${what}: not sent, the hourly cap for this recipient or client address is reached`);
      return;
    }
    await reserved.settle(false);
    // sendMail logs a failure; the person asks again (the screen said a mail is on its way).
    await sendMail(mail);
  };
  after(async () => {
    try {
      await work(send);
    } catch (error) {
      console.error(`mail: ${what} failed`, error);
    }
  });
}
