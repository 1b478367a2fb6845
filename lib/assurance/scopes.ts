import type { Level } from "./levels";

// TOBIRA_SCOPE_LEVELS: the assurance level a scope needs, as "scope=level" pairs separated by
// spaces or commas, e.g. "accounts:read=2 payments:write=3". Scopes not listed need level 2.

export type ScopeLevels = { ok: true; levels: Record<string, Level> } | { ok: false; invalid: string };

export function parseScopeLevels(text: string): ScopeLevels {
  const levels: Record<string, Level> = {};
  for (const pair of text.split(/[\s,]+/).filter(Boolean)) {
    const at = pair.lastIndexOf("=");
    const scope = pair.slice(0, at);
    const level = pair.slice(at + 1);
    if (at <= 0 || (level !== "2" && level !== "3")) return { ok: false, invalid: pair };
    levels[scope] = Number(level) as Level;
  }
  return { ok: true, levels };
}
