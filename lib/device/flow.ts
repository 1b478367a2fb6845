import "server-only";
import { attempt, challenges, flowErrorFor } from "@/lib/challenge";
import { env } from "@/lib/config/env";
import { serverMetadata } from "@/lib/discovery";
import type { DeviceForm } from "./form";
import type { DeviceState } from "./state";

// RFC 8628 §3.3: the person enters the user code shown on the device. The authorization server
// hands out a device challenge per visit (Hydra: /oauth2/device/verify → urls.device.verification);
// accepting it with the code continues to the usual login and consent screens.

export type DeviceStep =
  | { kind: "form"; challenge: string; userCode: string }
  | { kind: "start"; to: string }
  /** The authorization server has no device flow (no device_authorization_endpoint, e.g. Hydra v2.3). */
  | { kind: "unsupported" }
  | { kind: "unavailable" };

/** GET /device: with a challenge, the form; without one, fetch one from the authorization server
 * when it offers device sign-in at all. */
export async function beginDevice(challenge: string | undefined, userCode: string | undefined): Promise<DeviceStep> {
  if (challenge) return { kind: "form", challenge, userCode: userCode ?? "" };
  const offered = await serverMetadata();
  if (!offered) return { kind: "unavailable" };
  if (!offered.device_authorization_endpoint) return { kind: "unsupported" };
  const start = new URL("/oauth2/device/verify", env().HYDRA_PUBLIC_URL);
  if (userCode) start.searchParams.set("user_code", userCode);
  return { kind: "start", to: start.href };
}

export type DeviceOutcome = { ok: true; redirectTo: string } | { ok: false; state: DeviceState };

export async function submitDevice(form: DeviceForm): Promise<DeviceOutcome> {
  if (!form.userCode) return { ok: false, state: { status: "error", error: "codeRequired", userCode: "" } };
  const accepted = await attempt("device: accept", () => challenges().acceptDeviceRequest(form.challenge, form.userCode));
  if (accepted.ok) return { ok: true, redirectTo: accepted.value.redirectTo };
  // Hydra answers 400 for a user code that is wrong, expired or used; the challenge itself is fine.
  const error = accepted.kind === "bad_request" ? "invalidCode" : flowErrorFor(accepted.kind);
  return { ok: false, state: { status: "error", error, userCode: form.userCode } };
}
