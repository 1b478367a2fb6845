import type { Account } from "./accounts";

// OIDC Core 5.4: the standard claims each granted scope allows in the ID token, and nothing the
// granted scopes do not allow. Claims Tobira does not know are left out rather than sent empty.

function profileClaims(account: Account): Record<string, unknown> {
  const name = account.displayName ?? ([account.givenName, account.familyName].filter(Boolean).join(" ") || undefined);
  return {
    name,
    given_name: account.givenName,
    family_name: account.familyName,
    preferred_username: account.userName,
    locale: account.locale,
    zoneinfo: account.zoneinfo,
    birthdate: account.birthdate,
    // OIDC Core 5.1: seconds since the epoch of the last change to the person's information.
    updated_at: Math.floor(account.updatedAt.getTime() / 1000),
  };
}

function addressClaim(account: Account): Record<string, unknown> | undefined {
  const a = account.address;
  if (!a) return undefined;
  const claim = {
    formatted: a.formatted,
    street_address: a.streetAddress,
    locality: a.locality,
    region: a.region,
    postal_code: a.postalCode,
    country: a.country,
  };
  const present = Object.entries(claim).filter(([, value]) => value !== undefined);
  return present.length > 0 ? Object.fromEntries(present) : undefined;
}

export function idTokenClaims(account: Account, grantedScopes: readonly string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  if (grantedScopes.includes("profile")) Object.assign(claims, profileClaims(account));
  if (grantedScopes.includes("email") && account.email) {
    Object.assign(claims, { email: account.email, email_verified: account.emailVerified });
  }
  if (grantedScopes.includes("phone") && account.phoneNumber) {
    Object.assign(claims, { phone_number: account.phoneNumber, phone_number_verified: account.phoneNumberVerified });
  }
  if (grantedScopes.includes("address")) claims.address = addressClaim(account);
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}
