"use server";

import "server-only";
import type { SecurityState } from "@/lib/account/security/state";
import type { FirstFactorState } from "@/lib/factors/first-factor-state";
import type { PasskeyResult } from "@/lib/mfa/state";

// The account area's forms in the preview post here: like lib/preview/actions.ts, nothing reaches
// the authorization server or the identity store, so pressing a button in the preview changes nothing.

export async function previewSecurityAction(previous: SecurityState): Promise<SecurityState> {
  return previous;
}

/** Plain forms (revoke, sign out, sign out everywhere) that would redirect: the page stays. */
export async function previewFormAction(): Promise<void> {}

/** Passkey buttons: no ceremony starts, the button says the passkey could not be used. */
export async function previewPasskeyAction(): Promise<PasskeyResult<never>> {
  return { ok: false, error: "passkeyFailed" };
}

/** The forms that mail and take the code before a first factor: nothing is sent. */
export async function previewFirstFactorAction(previous: FirstFactorState): Promise<FirstFactorState> {
  return previous;
}
