import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { MAILBOX_DIR } from "./env";
import type { FiledMail } from "./smtp";

// Reads what the test SMTP server received. Tobira sends plain-text mail, base64-encoded
// (lib/mail); this decodes just that, plus RFC 2047 encoded subjects.

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, encoding: string, data: string) =>
    encoding.toLowerCase() === "b"
      ? Buffer.from(data, "base64").toString("utf8")
      : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
  );
}

export function parseMail(filed: FiledMail): ReceivedMail {
  const split = filed.raw.indexOf("\r\n\r\n");
  const head = filed.raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = filed.raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1] ?? "";
  const text = /base64/i.test(header("Content-Transfer-Encoding")) ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : body;
  return { to: filed.to, subject: decodeWords(header("Subject")), text };
}

function mailsTo(address: string): ReceivedMail[] {
  const dir = path.resolve(MAILBOX_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as FiledMail)
    .filter((mail) => mail.to.includes(address.toLowerCase()))
    .map(parseMail);
}

/** Waits for the `count`-th message to an address and returns it. */
export async function receiveMail(address: string, count = 1): Promise<ReceivedMail> {
  await expect.poll(() => mailsTo(address).length, { message: `mail number ${count} to ${address}` }).toBeGreaterThanOrEqual(count);
  const mail = mailsTo(address)[count - 1];
  if (!mail) throw new Error(`no mail to ${address}`);
  return mail;
}

export function mailCount(address: string): number {
  return mailsTo(address).length;
}

/** The link to a path of the UI in a message. */
export function linkIn(mail: ReceivedMail, pathname: string): string {
  const match = new RegExp(`https?://[^\\s]+${pathname.replace(/\//g, "\\/")}\\?[^\\s]+`).exec(mail.text);
  if (!match) throw new Error(`no ${pathname} link in: ${mail.text}`);
  return match[0];
}

/** The code in a message that brings one (the 8 digits on a line of their own). */
export function codeIn(mail: ReceivedMail): string {
  const match = /^\s*(\d{8})\s*$/m.exec(mail.text);
  if (!match?.[1]) throw new Error(`no code in: ${mail.text}`);
  return match[1];
}
