import type { Messages } from "@/lib/i18n/messages";

// The scope catalogue shipped with texts in locales/ (Scopes.<scope>.title). Operators will
// extend it later (DESIGN.md "Branding and texts"); an unknown scope is shown by its raw name
// with an "unrecognised permission" warning, never dropped (CONSENT.md §1.2).

export type KnownScope = keyof Messages["Scopes"];

export const knownScopes = [
  "openid",
  "profile",
  "email",
  "address",
  "phone",
  "offline_access",
  "offline",
] as const satisfies readonly KnownScope[];

export type ScopeItem = { scope: string; known: true; key: KnownScope } | { scope: string; known: false };

function isKnown(scope: string): scope is KnownScope {
  return (knownScopes as readonly string[]).includes(scope);
}

export function describeScopes(requested: readonly string[]): ScopeItem[] {
  return [...new Set(requested)].map((scope) => (isKnown(scope) ? { scope, known: true, key: scope } : { scope, known: false }));
}
