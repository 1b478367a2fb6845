// Assurance levels (DESIGN.md "LoA 2 / LoA 3"): a password alone is level 2; a password with a
// second factor (TOTP, a recovery code, a passkey), or a passkey on its own (possession plus the
// authenticator's user verification), is level 3. The acr names are operator configuration.

export type Level = 2 | 3;

export interface AcrNames {
  level2: string;
  level3: string;
}


/** How a person proved who they are, in the order it happened. */
export type Method =
  | { kind: "password" }
  | { kind: "totp" }
  | { kind: "recovery" }
  /** A WebAuthn credential verified with user verification; synced passkeys are software keys. */
  | { kind: "passkey"; deviceBound: boolean };

export function levelOfAcr(acr: string | undefined, names: AcrNames): Level | undefined {
  if (acr === names.level3) return 3;
  if (acr === names.level2) return 2;
  return undefined;
}

export function acrName(level: Level, names: AcrNames): string {
  return level === 3 ? names.level3 : names.level2;
}

export function levelOf(methods: readonly Method[]): Level | undefined {
  if (methods.some((m) => m.kind === "passkey")) return 3;
  const password = methods.some((m) => m.kind === "password");
  const possession = methods.some((m) => m.kind === "totp" || m.kind === "recovery");
  if (password && possession) return 3;
  return password ? 2 : undefined;
}

/**
 * RFC 8176 Authentication Method Reference values, truthfully:
 * - pwd: a password; otp: a one-time password (TOTP, or a single-use recovery code);
 * - hwk / swk: proof of possession of a hardware- or software-secured key (a device-bound or a
 *   synced passkey); user: the authenticator's user verification (presence and verification);
 * - mfa: more than one kind of factor.
 */
export function amrOf(methods: readonly Method[]): string[] {
  const amr: string[] = [];
  const add = (value: string) => {
    if (!amr.includes(value)) amr.push(value);
  };
  for (const method of methods) {
    if (method.kind === "password") add("pwd");
    if (method.kind === "totp" || method.kind === "recovery") add("otp");
    if (method.kind === "passkey") {
      add(method.deviceBound ? "hwk" : "swk");
      add("user");
    }
  }
  if (levelOf(methods) === 3) add("mfa");
  return amr;
}

/** The methods an amr list records (the inverse of amrOf, for a session authenticated before). */
export function methodsOfAmr(amr: readonly string[]): Method[] {
  const methods: Method[] = [];
  if (amr.includes("pwd")) methods.push({ kind: "password" });
  if (amr.includes("otp")) methods.push({ kind: "totp" });
  if (amr.includes("hwk")) methods.push({ kind: "passkey", deviceBound: true });
  else if (amr.includes("swk")) methods.push({ kind: "passkey", deviceBound: false });
  return methods;
}
