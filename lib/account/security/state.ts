// What the security page's actions hand back to their forms. Keys name messages under
// Security.errors (and Security.lastFactor for a refused removal).

export type SecurityError =
  | "passwordRequired"
  | "invalidCredentials"
  | "codeRequired"
  | "wrongCode"
  | "locked"
  | "passkeyFailed"
  | "nameRequired"
  | "enrolmentExpired"
  | "expired"
  | "notFound"
  | "internal";

export type SecurityState =
  | { status: "idle" }
  | { status: "error"; error: SecurityError }
  | { status: "enrolled"; codes: string[] }
  | { status: "refused"; operator: boolean; apps: string[] };

export const initialSecurityState: SecurityState = { status: "idle" };

export const notices = ["added", "passkeyAdded", "renamed", "removed", "codes"] as const;
export type Notice = (typeof notices)[number];
