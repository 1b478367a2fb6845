import "server-only";

export { identityStore, openIdentityStore, type IdentityStore } from "./store";
export { idTokenClaims } from "./claims";
export type { Account, NewAccount, CreateAccountResult, VerifyResult } from "./accounts";
export { maskAddress, securityEventKinds, type NewSecurityEvent, type SecurityEvent, type SecurityEventKind } from "./security-events";
