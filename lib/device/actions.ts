"use server";

import "server-only";
import { redirect } from "next/navigation";
import { submitDevice } from "./flow";
import { readDeviceForm } from "./form";
import type { DeviceState } from "./state";

/** The device code form's action. Redirects only to the redirect_to the admin API returned. */
export async function deviceAction(_previous: DeviceState, formData: FormData): Promise<DeviceState> {
  const parsed = readDeviceForm(formData);
  if (!parsed.success) return { status: "error", error: "expired", userCode: "" };
  const outcome = await submitDevice(parsed.data);
  if (outcome.ok) redirect(outcome.redirectTo);
  return outcome.state;
}
