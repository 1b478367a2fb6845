import "server-only";

export { beginConsent, type ConsentStep, type ConsentView } from "./flow";
export { describeScopes, knownScopes, type KnownScope, type ScopeItem } from "./scopes";
