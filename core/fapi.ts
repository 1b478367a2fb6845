import type { Client } from "oidc-provider";
import type { HydraClient } from "./client-model";

// FAPI per client: the operator names a profile in the client's metadata
// (`metadata.tobira.fapi_profile`). A client that asks for one is checked when it is written
// (fapiClientProblem: the first rule it breaks, naming the field), and oidc-provider enforces the
// rest per request from what toProviderMetadata hands it (PAR required, DPoP-bound tokens, the
// profile itself: PKCE, the assertion's audience, request object claims; the code's lifetime).

export const FAPI_PROFILES = ["fapi2"] as const;
export type FapiProfile = (typeof FAPI_PROFILES)[number];

/** Profiles an operator may name but the core cannot honour yet, with the reason (the 400 says it). */
const UNSUPPORTED_PROFILES: Record<string, string> = {
  "fapi1-advanced":
    "FAPI 1.0 Advanced needs certificate-bound access tokens (RFC 8705 mutual TLS), which the core does not offer yet; use fapi2",
};

/** The oidc-provider client property that carries the profile (extraClientMetadata). */
export const FAPI_PROPERTY = "tobira_fapi_profile";

/** FAPI 2.0 Security Profile 5.4.1 / 5.3.2.1: the algorithms a FAPI 2.0 party may sign with. */
export const FAPI2_SIGNING_ALGS = ["PS256", "ES256"] as const;
/** A FAPI 2.0 client's authorization code lives at most this long (5.3.2.1 item 13: ≤ 60 s). */
export const FAPI2_CODE_TTL = 60;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);
const EC_CURVES = new Set(["P-256", "P-384", "P-521"]);

export class FapiClientProblem extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

function profileValue(metadata: unknown): unknown {
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const tobira = (metadata as Record<string, unknown>).tobira;
  if (typeof tobira !== "object" || tobira === null) return undefined;
  return (tobira as Record<string, unknown>).fapi_profile;
}

/** The profile a stored client asks for (checked when it was written). */
export function fapiProfileOf(metadata: unknown): FapiProfile | undefined {
  const value = profileValue(metadata);
  return (FAPI_PROFILES as readonly unknown[]).includes(value) ? (value as FapiProfile) : undefined;
}

/** The profile of the client oidc-provider is serving (from its extra property). */
export function providerFapiProfile(client: Client | undefined): FapiProfile | undefined {
  const value = client ? (client as unknown as Record<string, unknown>)[FAPI_PROPERTY] : undefined;
  return (FAPI_PROFILES as readonly unknown[]).includes(value) ? (value as FapiProfile) : undefined;
}

const bits = (base64url: unknown) => {
  if (typeof base64url !== "string") return 0;
  const bytes = Buffer.from(base64url, "base64url");
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  const first = bytes[start];
  return first === undefined ? 0 : (bytes.length - start - 1) * 8 + Math.floor(Math.log2(first)) + 1;
};

/** FAPI 2.0 5.4.1: RSA keys of at least 2048 bits, elliptic curves of at least 224 bits (P-256 and up here). */
function keyProblem(key: Record<string, unknown>): string | undefined {
  if (key.kty === "RSA") return bits(key.n) >= 2048 ? undefined : "RSA keys must be at least 2048 bits";
  if (key.kty === "EC") return EC_CURVES.has(String(key.crv)) ? undefined : "EC keys must be on P-256, P-384 or P-521";
  if (key.kty === "OKP") return key.crv === "Ed25519" ? undefined : "OKP keys must be Ed25519";
  return `keys of type ${String(key.kty)} are not allowed (asymmetric keys only)`;
}

/** FAPI 2.0 5.3.2.2 item 8 and RFC 8252 7.3: https, or http on a loopback address for native apps. */
function redirectProblem(uri: string): string | undefined {
  const url = new URL(uri);
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return `${uri} must be https (http only on a loopback address)`;
}

/**
 * The first FAPI rule a client breaks, or undefined (a client without a profile breaks none).
 * fapi2 (FAPI 2.0 Security Profile, section 5):
 * 1. the profile is one the core knows and can honour
 * 2. only the authorization code flow: response_types ["code"], no implicit grant
 * 3. asymmetric client authentication: private_key_jwt with PS256 or ES256 (5.3.2.1 item 4)
 * 4. keys registered by value (jwks, not jwks_uri), so their sizes are checked here; every one
 *    asymmetric and big enough (5.4.1)
 * 5. at least one redirect URI, each https or loopback http (exact match is oidc-provider's)
 * 6. request objects and ID tokens, when the client names an algorithm, PS256 or ES256
 */
export function fapiClientProblem(client: HydraClient): FapiClientProblem | undefined {
  const requested = profileValue(client.metadata);
  if (requested === undefined || requested === null || requested === "") return undefined;
  const field = (name: string, reason: string) => new FapiClientProblem(name, reason);
  if (typeof requested === "string" && UNSUPPORTED_PROFILES[requested]) {
    return field("metadata.tobira.fapi_profile", UNSUPPORTED_PROFILES[requested]);
  }
  if (!(FAPI_PROFILES as readonly unknown[]).includes(requested)) {
    return field("metadata.tobira.fapi_profile", `must be one of ${FAPI_PROFILES.join(", ")}`);
  }
  const algs: readonly string[] = FAPI2_SIGNING_ALGS;
  const algList = FAPI2_SIGNING_ALGS.join(" or ");

  if (client.response_types.length !== 1 || client.response_types[0] !== "code") {
    return field("response_types", 'a fapi2 client uses the authorization code flow only (["code"])');
  }
  if (client.grant_types.includes("implicit")) return field("grant_types", "a fapi2 client may not use the implicit grant");

  if (client.token_endpoint_auth_method !== "private_key_jwt") {
    return field("token_endpoint_auth_method", "a fapi2 client authenticates with private_key_jwt (asymmetric keys)");
  }
  if (!algs.includes(client.token_endpoint_auth_signing_alg)) {
    return field("token_endpoint_auth_signing_alg", `a fapi2 client signs its assertions with ${algList}`);
  }
  if (client.jwks_uri) return field("jwks_uri", "a fapi2 client registers its keys by value (jwks), so that their sizes are checked");
  const keys = client.jwks.keys ?? [];
  if (keys.length === 0) return field("jwks", "a fapi2 client needs its public keys");
  for (const key of keys) {
    const problem = keyProblem(key);
    if (problem) return field("jwks", problem);
  }

  if (client.redirect_uris.length === 0) return field("redirect_uris", "a fapi2 client needs at least one redirect URI");
  for (const uri of client.redirect_uris) {
    const problem = redirectProblem(uri);
    if (problem) return field("redirect_uris", problem);
  }

  for (const name of ["request_object_signing_alg", "id_token_signed_response_alg"] as const) {
    if (client[name] && !algs.includes(client[name])) return field(name, `a fapi2 client uses ${algList}`);
  }
  if (client.userinfo_signed_response_alg !== "none" && !algs.includes(client.userinfo_signed_response_alg)) {
    return field("userinfo_signed_response_alg", `a fapi2 client uses ${algList} (or none)`);
  }
  return undefined;
}

/** What oidc-provider must enforce for the profile on every request (added to the client's metadata). */
export function fapiProviderMetadata(client: HydraClient): Record<string, unknown> {
  const profile = fapiProfileOf(client.metadata);
  if (!profile) return {};
  return {
    [FAPI_PROPERTY]: profile,
    // FAPI 2.0 5.3.2.2 item 1: only pushed authorization requests (RFC 9126).
    require_pushed_authorization_requests: true,
    // 5.3.2.2 item 3 / 5.3.3: sender-constrained access tokens, here DPoP (RFC 9449).
    dpop_bound_access_tokens: true,
    // 5.4.1: never RS256, so the ID token is PS256 or ES256 (ES256 unless the client chose).
    id_token_signed_response_alg: client.id_token_signed_response_alg || "ES256",
  };
}
