"use server";

import "server-only";
import type { DeviceState } from "@/lib/device/state";
import type { RecoverState, ResetState } from "@/lib/recover/state";
import type { RegisterState, VerifyState } from "@/lib/register/state";

// The forms of the registration, recovery and device screens post here in the preview: nothing is
// registered, mailed, reset or accepted, so pressing a button in the preview changes nothing.

export async function previewRegisterAction(previous: RegisterState): Promise<RegisterState> {
  return previous;
}

export async function previewVerifyAction(previous: VerifyState): Promise<VerifyState> {
  return previous;
}

export async function previewRecoverAction(previous: RecoverState): Promise<RecoverState> {
  return previous;
}

export async function previewResetAction(previous: ResetState): Promise<ResetState> {
  return previous;
}

export async function previewDeviceAction(previous: DeviceState): Promise<DeviceState> {
  return previous;
}
