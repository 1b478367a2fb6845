import "server-only";
import type { LoginRequest } from "@/lib/challenge";
import { env } from "@/lib/config/env";
import { scopeCatalogue } from "@/lib/scopes/catalogue-file";
import type { AcrNames, Level } from "./levels";
import { isTrusted, parseNetworks } from "@/lib/config/networks";
import { requestClientAddress } from "@/lib/security/request-address";
import { claimsAcrFrom, detailTypesFrom, requirementFor, type Requirement } from "./policy";

export { acrName, amrOf, levelOf, levelOfAcr, methodsOfAmr, type AcrNames, type Level, type Method } from "./levels";
export { acrToReport, clientRequiresMfa, type Reason, type Requirement } from "./policy";

export function acrNames(): AcrNames {
  const { TOBIRA_ACR_LEVEL2, TOBIRA_ACR_LEVEL3 } = env();
  return { level2: TOBIRA_ACR_LEVEL2, level3: TOBIRA_ACR_LEVEL3 };
}

/** The level each scope needs: the scope catalogue's `assurance` (TOBIRA_SCOPE_CATALOGUE). */
export function scopeLevels(): Record<string, Level> {
  return Object.fromEntries(Object.entries(scopeCatalogue().scopes).map(([scope, entry]) => [scope, entry.assurance]));
}

/** The level the request's transactions need: the catalogue's level per authorization_details type. */
function transactionLevel(requestUrl: string): Level {
  const types = scopeCatalogue().authorization_details_types;
  const levels = detailTypesFrom(requestUrl).map((type) => (type === "payment_initiation" ? types.payment_initiation?.assurance : undefined));
  return levels.includes(3) ? 3 : 2;
}

/** True when the network rule is on and this request comes from outside the trusted networks. */
export async function outsideTrustedNetwork(): Promise<boolean> {
  const { TOBIRA_TRUSTED_NETWORKS } = env();
  if (!TOBIRA_TRUSTED_NETWORKS.trim()) return false;
  const networks = parseNetworks(TOBIRA_TRUSTED_NETWORKS);
  if (!networks.ok) return true;
  return !isTrusted(networks.list, await requestClientAddress());
}

/** What this login request needs, from the request itself and the operator's rules. */
export async function requirementForLogin(request: LoginRequest): Promise<Requirement> {
  return requirementFor({
    acrValues: request.oidcContext.acrValues,
    claimsAcr: claimsAcrFrom(request.requestUrl),
    scopes: request.requestedScope,
    scopeLevels: scopeLevels(),
    transactionLevel: transactionLevel(request.requestUrl),
    clientMetadata: request.client.metadata,
    outsideTrustedNetwork: await outsideTrustedNetwork(),
    mfaRequired: env().TOBIRA_MFA_REQUIRED,
    names: acrNames(),
  });
}
