import type { Page } from "@playwright/test";
import { base32Decode } from "../../lib/factors/base32";
import { hotp, stepAt } from "../../lib/factors/totp";

/**
 * An authenticator app in the test: it knows the key shown on the enrolment page and computes
 * RFC 6238 codes from it. Tobira accepts each time step once and ±1 step around now, so `next()`
 * gives a code for a step not used yet, waiting for the clock only when all three are spent.
 */
export class Authenticator {
  private lastStep = -1;
  /** The code given most recently, to replay it on purpose. */
  lastCode = "";

  constructor(private readonly key: Uint8Array) {}

  static fromText(text: string): Authenticator {
    const key = base32Decode(text);
    if (!key || key.length < 10) throw new Error(`not a TOTP key: ${text}`);
    return new Authenticator(key);
  }

  async next(): Promise<string> {
    for (;;) {
      const now = stepAt(Date.now() / 1000);
      const step = [now, now + 1].find((candidate) => candidate > this.lastStep);
      if (step !== undefined) {
        this.lastStep = step;
        this.lastCode = hotp(this.key, step);
        return this.lastCode;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  /** A code that is certainly wrong now (none of the accepted steps gives it). */
  wrong(): string {
    const now = stepAt(Date.now() / 1000);
    const taken = new Set([-2, -1, 0, 1, 2].map((offset) => hotp(this.key, now + offset)));
    for (let n = 0; ; n += 1) {
      const candidate = String(n).padStart(6, "0");
      if (!taken.has(candidate)) return candidate;
    }
  }
}

/** Chromium's virtual WebAuthn authenticator (CDP WebAuthn domain): a platform authenticator
 * with resident keys and user verification that always succeeds. */
export async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}
