import type { Account } from "./accounts";

// OIDC Core 5.4: the standard claims each granted scope allows in the ID token. Only claims
// Tobira knows are sent; email_verified stays false until verification exists.

export function idTokenClaims(account: Account, grantedScopes: readonly string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  if (grantedScopes.includes("profile")) {
    const name = account.displayName ?? ([account.givenName, account.familyName].filter(Boolean).join(" ") || undefined);
    Object.assign(claims, {
      name,
      given_name: account.givenName,
      family_name: account.familyName,
      preferred_username: account.userName,
    });
  }
  if (grantedScopes.includes("email") && account.email) {
    Object.assign(claims, { email: account.email, email_verified: false });
  }
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}
