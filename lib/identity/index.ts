import "server-only";

export { identityStore, openIdentityStore, type IdentityStore } from "./store";
export { idTokenClaims } from "./claims";
export type { Account, NewAccount, CreateAccountResult, VerifyResult } from "./accounts";
