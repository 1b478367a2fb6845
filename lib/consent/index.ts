import "server-only";

export { beginConsent, type ConsentStep, type ConsentView, type MarkedScope, type RefusalView } from "./flow";
export { describeScopes, scopeTexts, type ScopeItem, type ScopeTexts } from "../scopes/describe";
