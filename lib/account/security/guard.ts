import "server-only";
import { clientRequiresMfa, scopeLevels } from "@/lib/assurance";
import { attempt, challenges } from "@/lib/challenge";
import { env } from "@/lib/config/env";

// Removing the last second factor is refused while a policy needs one: the operator's
// (TOBIRA_MFA_REQUIRED), or an app the person has granted access to that requires it (its
// metadata, or a granted scope that needs level 3). The explanation names them.

export type LastFactorCheck =
  | { allowed: true }
  | { allowed: false; operator: boolean; apps: string[] }
  | { allowed: false; unavailable: true };

export async function checkLastFactorRemoval(subject: string): Promise<LastFactorCheck> {
  const operator = env().TOBIRA_MFA_REQUIRED;
  const sessions = await attempt("security: list consent sessions", () => challenges().listConsentSessions(subject));
  if (!sessions.ok) return { allowed: false, unavailable: true };
  const levels = scopeLevels();
  const apps = sessions.value
    .filter((session) => session.client && (clientRequiresMfa(session.client.metadata) || session.grantScope.some((scope) => levels[scope] === 3)))
    .map((session) => session.client?.name.trim() || session.client?.id || "");
  const unique = [...new Set(apps.filter(Boolean))];
  return operator || unique.length > 0 ? { allowed: false, operator, apps: unique } : { allowed: true };
}
