import { acrName, levelOfAcr, type AcrNames, type Level } from "./levels";

// Which assurance level a sign-in needs, from everything that may ask for one:
// 1. the client's acr_values (OIDC Core 3.1.2.1, voluntary: the first value Tobira knows, in
//    the client's order of preference);
// 2. the claims parameter's id_token acr (OIDC Core 5.5.1.1): when essential with values, the
//    acr returned MUST be one of them, so the lowest known level among them is needed and a
//    request naming none Tobira knows cannot be met;
// 3. the requested scopes and RFC 9396 authorization_details (the level the scope catalogue gives
//    each scope and each transaction type, operator configuration);
// 4. the client's metadata (`metadata.tobira.require_mfa: true`);
// 5. the operator: every sign-in from outside TOBIRA_TRUSTED_NETWORKS, or every sign-in at all
//    (TOBIRA_MFA_REQUIRED), needs level 3.
// The highest of these wins.

export type Reason = "acr_values" | "claims" | "scope" | "transaction" | "client" | "network" | "operator";

export interface AcrRequest {
  essential: boolean;
  values: string[];
}

export interface PolicyInput {
  acrValues: readonly string[];
  claimsAcr?: AcrRequest;
  scopes: readonly string[];
  scopeLevels: Readonly<Record<string, Level>>;
  /** The highest level the request's authorization_details need (2 without any). */
  transactionLevel?: Level;
  clientMetadata: Readonly<Record<string, unknown>>;
  outsideTrustedNetwork: boolean;
  mfaRequired: boolean;
  names: AcrNames;
}

export type Requirement =
  | {
      satisfiable: true;
      level: Level;
      reasons: Reason[];
      /** Essential acr values (claims parameter): the acr sent must be one of them. */
      essential?: string[];
    }
  | { satisfiable: false };

export function requirementFor(input: PolicyInput): Requirement {
  const needs: { level: Level; reason: Reason }[] = [];
  const { names } = input;

  const voluntary = input.acrValues.map((acr) => levelOfAcr(acr, names)).find((level) => level !== undefined);
  const isLevel = (level: Level | undefined): level is Level => level !== undefined;
  if (voluntary) needs.push({ level: voluntary, reason: "acr_values" });

  let essential: string[] | undefined;
  if (input.claimsAcr && input.claimsAcr.values.length > 0) {
    const known = input.claimsAcr.values.map((acr) => levelOfAcr(acr, names)).filter(isLevel);
    if (input.claimsAcr.essential) {
      if (known.length === 0) return { satisfiable: false };
      essential = input.claimsAcr.values.filter((acr) => levelOfAcr(acr, names) !== undefined);
      needs.push({ level: Math.min(...known) as Level, reason: "claims" });
    } else if (known.length > 0) {
      needs.push({ level: known[0] ?? 2, reason: "claims" });
    }
  }

  for (const scope of input.scopes) {
    const level = input.scopeLevels[scope];
    if (level) needs.push({ level, reason: "scope" });
  }
  if (input.transactionLevel === 3) needs.push({ level: 3, reason: "transaction" });
  if (clientRequiresMfa(input.clientMetadata)) needs.push({ level: 3, reason: "client" });
  if (input.outsideTrustedNetwork) needs.push({ level: 3, reason: "network" });
  if (input.mfaRequired) needs.push({ level: 3, reason: "operator" });

  const level: Level = needs.some((need) => need.level === 3) ? 3 : 2;
  // The acr sent must be one of the essential values: if they all name a lower level than the
  // rest of the request needs, no truthful answer exists.
  if (essential && !essential.some((acr) => (levelOfAcr(acr, names) ?? 0) >= level)) return { satisfiable: false };
  const reasons = [...new Set(needs.filter((need) => need.level === 3).map((need) => need.reason))];
  return { satisfiable: true, level, reasons, ...(essential ? { essential } : {}) };
}

export function clientRequiresMfa(metadata: Readonly<Record<string, unknown>>): boolean {
  const tobira = metadata.tobira;
  return typeof tobira === "object" && tobira !== null && (tobira as Record<string, unknown>).require_mfa === true;
}

/**
 * The acr to report for an achieved level. Levels are cumulative (level 3 also meets level 2), so
 * when essential values were requested the highest one the achieved level meets is reported;
 * otherwise the achieved level's own name. Undefined when no essential value is met: the caller
 * must not accept the login then.
 */
export function acrToReport(achieved: Level, requirement: Extract<Requirement, { satisfiable: true }>, names: AcrNames): string | undefined {
  if (!requirement.essential) return acrName(achieved, names);
  const met = requirement.essential
    .map((acr) => ({ acr, level: levelOfAcr(acr, names) ?? 99 }))
    .filter((entry) => entry.level <= achieved)
    .sort((a, b) => b.level - a.level);
  return met[0]?.acr;
}

/** The `type` of each RFC 9396 authorization_details entry in the authorization request URL. */
export function detailTypesFrom(requestUrl: string): string[] {
  if (!URL.canParse(requestUrl)) return [];
  const raw = new URL(requestUrl).searchParams.get("authorization_details");
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.map((entry: unknown) => (typeof entry === "object" && entry !== null && "type" in entry ? String(entry.type) : ""));
  } catch {
    return [];
  }
}

/** The claims parameter's request for id_token acr, read from the authorization request URL. */
export function claimsAcrFrom(requestUrl: string): AcrRequest | undefined {
  if (!URL.canParse(requestUrl)) return undefined;
  const raw = new URL(requestUrl).searchParams.get("claims");
  if (!raw) return undefined;
  try {
    const acr = (JSON.parse(raw) as { id_token?: { acr?: unknown } })?.id_token?.acr;
    if (typeof acr !== "object" || acr === null) return undefined;
    const { essential, value, values } = acr as { essential?: unknown; value?: unknown; values?: unknown };
    const list = Array.isArray(values) ? values.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];
    return { essential: essential === true, values: list };
  } catch {
    return undefined;
  }
}
