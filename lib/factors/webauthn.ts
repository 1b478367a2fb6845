import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { z } from "zod";
import { env } from "@/lib/config/env";
import type { Passkey } from "./store";

// Passkeys (WebAuthn Level 3) through SimpleWebAuthn. The relying party is Tobira's own origin
// (TOBIRA_PUBLIC_URL: its host is the rpID, e.g. "localhost"). Every ceremony requires user
// verification, so that a passkey on its own is two factors (possession + the device's PIN or
// biometrics) and counts as level 3; credentials are discoverable (resident) so that a person
// can sign in with a passkey alone.

export function relyingParty() {
  const url = new URL(env().TOBIRA_PUBLIC_URL);
  return { id: url.hostname, origin: url.origin };
}

export async function registrationOptions(input: {
  rpName: string;
  accountId: string;
  userName: string;
  displayName: string;
  existing: Passkey[];
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: input.rpName,
    rpID: relyingParty().id,
    userName: input.userName,
    userDisplayName: input.displayName,
    // The user handle is the account id: opaque, stable, and no personal data (WebAuthn §14.6.1).
    userID: new TextEncoder().encode(input.accountId),
    attestationType: "none",
    excludeCredentials: input.existing.map((passkey) => ({ id: passkey.id, transports: passkey.transports as AuthenticatorTransport[] })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
}

export type NewPasskey = { id: string; publicKey: Uint8Array; counter: number; transports: string[]; backedUp: boolean };

export async function verifyRegistration(response: RegistrationResponseJSON, expectedChallenge: string): Promise<NewPasskey | undefined> {
  const { id, origin } = relyingParty();
  try {
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: id,
      requireUserVerification: true,
    });
    if (!verified.verified) return undefined;
    const { credential, credentialBackedUp } = verified.registrationInfo;
    return {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
      backedUp: credentialBackedUp,
    };
  } catch {
    return undefined;
  }
}

/** Options for a sign-in: with no credentials listed the browser offers every discoverable
 * passkey for this site (sign-in without a username); with some, only those (a second factor). */
export async function authenticationOptions(allow: Passkey[] = []): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: relyingParty().id,
    userVerification: "required",
    allowCredentials: allow.map((passkey) => ({ id: passkey.id, transports: passkey.transports as AuthenticatorTransport[] })),
  });
}

export type VerifiedAssertion = { counter: number; backedUp: boolean };

export async function verifyAuthentication(
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  passkey: Passkey,
): Promise<VerifiedAssertion | undefined> {
  const { id, origin } = relyingParty();
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: id,
      requireUserVerification: true,
      credential: {
        id: passkey.id,
        publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>,
        counter: passkey.counter,
        transports: passkey.transports as AuthenticatorTransport[],
      },
    });
    if (!verified.verified || !verified.authenticationInfo.userVerified) return undefined;
    return { counter: verified.authenticationInfo.newCounter, backedUp: verified.authenticationInfo.credentialBackedUp };
  } catch {
    return undefined;
  }
}

// The browser's answers arrive through server actions as plain JSON: checked for shape here,
// cryptographically by SimpleWebAuthn.
const base64url = z.string().min(1).max(4096).regex(/^[A-Za-z0-9_-]*={0,2}$/);

export const registrationResponse = z.looseObject({
  id: base64url,
  rawId: base64url,
  type: z.literal("public-key"),
  response: z.looseObject({
    clientDataJSON: base64url,
    attestationObject: base64url.max(65536),
    transports: z.array(z.string()).optional(),
  }),
  clientExtensionResults: z.looseObject({}).default({}),
});

export const authenticationResponse = z.looseObject({
  id: base64url,
  rawId: base64url,
  type: z.literal("public-key"),
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  clientExtensionResults: z.looseObject({}).default({}),
});

export function parseRegistration(value: unknown): RegistrationResponseJSON | undefined {
  const parsed = registrationResponse.safeParse(value);
  return parsed.success ? (parsed.data as unknown as RegistrationResponseJSON) : undefined;
}

export function parseAuthentication(value: unknown): AuthenticationResponseJSON | undefined {
  const parsed = authenticationResponse.safeParse(value);
  return parsed.success ? (parsed.data as unknown as AuthenticationResponseJSON) : undefined;
}
