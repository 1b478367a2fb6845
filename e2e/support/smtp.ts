import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

// A real SMTP server for the end-to-end suite. It runs in Playwright's runner process (global
// setup) and files every message it receives as JSON in a mailbox directory, so that the test
// workers, which are other processes, can read them.

export interface FiledMail {
  to: string[];
  raw: string;
}

export async function startTestSmtp(port: number, dir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const mail: FiledMail = { to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw: Buffer.concat(chunks).toString("utf8") };
        const name = `${Date.now()}-${crypto.randomBytes(4).toString("hex")}.json`;
        fs.writeFileSync(path.join(dir, `${name}.tmp`), JSON.stringify(mail));
        // Renamed into place so that a reader never sees half a file.
        fs.renameSync(path.join(dir, `${name}.tmp`), path.join(dir, name));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
