import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/config/env";
import { countMail } from "@/lib/metrics";

// Outgoing mail (verification and reset links). Over SMTP when SMTP_URL is set; otherwise the
// message is written to the UI's console (development: the start banner says so). Sending never
// throws into a flow: a failure is logged and reported as false.

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

const globalForMail = globalThis as typeof globalThis & { __tobiraMailer?: Transporter };

function transporter(url: string): Transporter {
  globalForMail.__tobiraMailer ??= nodemailer.createTransport(url);
  return globalForMail.__tobiraMailer;
}

export async function sendMail(mail: Mail): Promise<boolean> {
  const { SMTP_URL, TOBIRA_MAIL_FROM } = env();
  if (!SMTP_URL) {
    console.info(`\n--- mail (SMTP_URL is not set: written here instead of sent) ---\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n--- end of mail ---\n`);
    countMail("sent");
    return true;
  }
  try {
    await transporter(SMTP_URL).sendMail({
      from: TOBIRA_MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      // Base64 keeps long links and Japanese text intact through any relay.
      textEncoding: "base64",
    });
    countMail("sent");
    return true;
  } catch (error) {
    countMail("failed");
    console.error(`mail: sending to the SMTP server failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
