import crypto from "node:crypto";

// The secrets every key of the UI and of the core is derived from (TOBIRA_SECRET, and the ones it
// replaced in TOBIRA_SECRET_PREVIOUS). The current one seals and signs; every one of them still
// opens and verifies, so that changing the secret re-seals what it finds instead of breaking it
// (README "Rotating the secret").

export interface KeyRing {
  /** Seals and signs everything new. */
  readonly current: string;
  /** Only open and verify, newest first. */
  readonly previous: readonly string[];
}

export function keyRing(current: string, previous: readonly string[] = []): KeyRing {
  return { current, previous: [...new Set(previous)].filter((secret) => secret !== current) };
}

/** Every secret of the ring, the current one first. */
export function secretsOf(ring: KeyRing): string[] {
  return [ring.current, ...ring.previous];
}

/** TOBIRA_SECRET_PREVIOUS as written: secrets separated by commas, blanks around them ignored. */
export function parseSecretList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);
}

/**
 * A short public name of a secret, written into what it seals and into log lines, so that a
 * sealed value says which secret opens it (and an operator can count what still needs an old
 * one) without saying anything about the secret itself.
 */
export function keyId(secret: string): string {
  return crypto.createHmac("sha256", secret).update("tobira/key-id/v1").digest().subarray(0, 6).toString("base64url");
}
