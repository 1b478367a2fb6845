import "server-only";
import { z } from "zod";
import { env } from "@/lib/config/env";

// What the authorization server offers, from its OpenID Provider metadata (OIDC Discovery 1.0 §3,
// RFC 8414). Tobira adapts to the server instead of assuming the embedded core's features: Ory
// Hydra v2.3, for one, has no device flow. Cached for a few minutes; a failure is not cached.

const metadata = z.looseObject({
  issuer: z.string(),
  device_authorization_endpoint: z.string().optional(),
});

export type ServerMetadata = z.infer<typeof metadata>;

const TTL_MS = 5 * 60_000;
let cached: { expires: number; value: ServerMetadata } | undefined;

/** The server's metadata, or undefined when it cannot be read right now. */
export async function serverMetadata(): Promise<ServerMetadata | undefined> {
  if (cached && cached.expires > Date.now()) return cached.value;
  const url = new URL(".well-known/openid-configuration", env().HYDRA_PUBLIC_URL.replace(/\/*$/, "/"));
  try {
    const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(5000), cache: "no-store" });
    if (!response.ok) return undefined;
    const parsed = metadata.safeParse(await response.json());
    if (!parsed.success) return undefined;
    cached = { expires: Date.now() + TTL_MS, value: parsed.data };
    return parsed.data;
  } catch {
    return undefined;
  }
}
