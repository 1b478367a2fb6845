import "server-only";

export { identityStore, openIdentityStore, type IdentityStore } from "./store";
export { idTokenClaims } from "./claims";
export { normalizeUserName } from "./accounts";
export type { Account, Address, NewAccount, Profile, CreateAccountResult, ReplaceAccountResult, VerifyResult } from "./accounts";
export { checkNewPassword, PASSWORD_MAX, PASSWORD_MIN, type PasswordProblem } from "./password-policy";
export { TOKEN_PATTERN, type TokenLookup, type TokenPurpose } from "./tokens";
export type { ThrottleState } from "./throttle";
export { securityEventKinds, type NewSecurityEvent, type SecurityEvent, type SecurityEventKind } from "./security-events";
