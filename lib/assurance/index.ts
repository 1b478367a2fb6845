import "server-only";
import { headers } from "next/headers";
import type { LoginRequest } from "@/lib/challenge";
import { env } from "@/lib/config/env";
import type { AcrNames, Level } from "./levels";
import { clientAddress, isTrusted, parseNetworks } from "./network";
import { claimsAcrFrom, requirementFor, type Requirement } from "./policy";
import { parseScopeLevels } from "./scopes";

export { acrName, amrOf, levelOf, levelOfAcr, methodsOfAmr, type AcrNames, type Level, type Method } from "./levels";
export { acrToReport, clientRequiresMfa, type Reason, type Requirement } from "./policy";

export function acrNames(): AcrNames {
  const { TOBIRA_ACR_LEVEL2, TOBIRA_ACR_LEVEL3 } = env();
  return { level2: TOBIRA_ACR_LEVEL2, level3: TOBIRA_ACR_LEVEL3 };
}

/** The level each scope needs (TOBIRA_SCOPE_LEVELS; validated at start). */
export function scopeLevels(): Record<string, Level> {
  const parsed = parseScopeLevels(env().TOBIRA_SCOPE_LEVELS);
  return parsed.ok ? parsed.levels : {};
}

/** True when the network rule is on and this request comes from outside the trusted networks. */
export async function outsideTrustedNetwork(): Promise<boolean> {
  const { TOBIRA_TRUSTED_NETWORKS, TOBIRA_TRUSTED_PROXIES } = env();
  if (!TOBIRA_TRUSTED_NETWORKS.trim()) return false;
  const networks = parseNetworks(TOBIRA_TRUSTED_NETWORKS);
  if (!networks.ok) return true;
  const address = clientAddress((await headers()).get("x-forwarded-for"), TOBIRA_TRUSTED_PROXIES);
  return !isTrusted(networks.list, address);
}

/** What this login request needs, from the request itself and the operator's rules. */
export async function requirementForLogin(request: LoginRequest): Promise<Requirement> {
  return requirementFor({
    acrValues: request.oidcContext.acrValues,
    claimsAcr: claimsAcrFrom(request.requestUrl),
    scopes: request.requestedScope,
    scopeLevels: scopeLevels(),
    clientMetadata: request.client.metadata,
    outsideTrustedNetwork: await outsideTrustedNetwork(),
    mfaRequired: env().TOBIRA_MFA_REQUIRED,
    names: acrNames(),
  });
}
