import type { FlowError } from "@/lib/challenge/problem";

// What the device action hands back to its form. Keys name messages under Device.errors.
export type DeviceErrorKey = "codeRequired" | "invalidCode" | FlowError;

export type DeviceState = { status: "idle" } | { status: "error"; error: DeviceErrorKey; userCode: string };

export const initialDeviceState: DeviceState = { status: "idle" };
