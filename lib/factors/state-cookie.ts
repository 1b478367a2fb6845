import "server-only";
import { cookies } from "next/headers";
import type { z } from "zod";
import { openState, sealState } from "@/common/seal";
import { env, secretRing } from "@/lib/config/env";

// Short-lived state the browser holds for Tobira between two requests (a sign-in waiting for its
// second factor, a WebAuthn challenge, a fresh confirmation on the security page): sealed with
// AES-256-GCM, so the browser can neither read nor change it, and expiring on its own.
// Written only from server actions (Next.js allows cookie changes there, not while rendering).

const secure = () => env().TOBIRA_PUBLIC_URL.startsWith("https:");

export async function readState<S extends z.ZodType>(name: string, schema: S): Promise<z.infer<S> | undefined> {
  const value = openState(secretRing(), name, (await cookies()).get(name)?.value);
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export async function writeState(name: string, value: object, ttlSeconds: number): Promise<void> {
  (await cookies()).set(name, sealState(secretRing(), name, value, ttlSeconds), {
    httpOnly: true,
    sameSite: "lax",
    secure: secure(),
    path: "/",
    maxAge: ttlSeconds,
  });
}

export async function clearState(name: string): Promise<void> {
  (await cookies()).delete({ name, path: "/" });
}
