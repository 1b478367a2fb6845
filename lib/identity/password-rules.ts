// The rules of a new password that the browser can check as well as the server: its length and
// whether it is the person's own name or address (NIST SP 800-63B §5.1.1.2; the whole policy and
// its order: password-policy.ts). No secret and nothing large lives here: this module is bundled
// into the registration and new-password forms. The list of common passwords stays on the server.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "containsIdentifier";

/** Password problems as message keys under Password.errors. */
export type PasswordErrorKey = "required" | PasswordProblem;

/** A password policy: the server's whole one (password-policy.ts) or the browser's part of it. */
export type PasswordCheck = (password: string, identifiers?: readonly (string | undefined)[]) => PasswordProblem | undefined;

/** The password as it is hashed and verified (./password.ts), and as its length is counted.
 * RFC 8265 §4.2 (the PRECIS OpaqueString profile for passwords): non-ASCII spaces become U+0020
 * (the ideographic space of a Japanese IME, for one), then Unicode NFC, so "café" typed with a
 * composed é and with e + U+0301 is one password. NFKC (which NIST SP 800-63B §5.1.1.2 also
 * allows) is not used: it would make "①" and "1", or "ｱ" and "ア", the same secret, which people
 * do not expect of a password. Here, not in ./password.ts, so that the browser counts the same. */
export function normalizePassword(password: string): string {
  return password.replace(/\p{Zs}/gu, " ").normalize("NFC");
}

/** Case and width folded, for comparing with lists and names only (never hashed). */
export const folded = (text: string) => text.normalize("NFKC").toLowerCase();

export function lengthProblem(password: string): "tooShort" | "tooLong" | undefined {
  const length = [...normalizePassword(password)].length;
  if (length < PASSWORD_MIN) return "tooShort";
  if (length > PASSWORD_MAX) return "tooLong";
  return undefined;
}

/** Whether the password is one of `identifiers` (user name, address) or an address's local part
 * of four characters or more, folding case and width. */
export function isOwnIdentifier(password: string, identifiers: readonly (string | undefined)[]): boolean {
  const lower = folded(password);
  return identifiers.some((identifier) => {
    const id = identifier && folded(identifier).trim();
    if (!id) return false;
    const local = id.split("@")[0] ?? id;
    return lower === id || (local.length >= 4 && lower === local);
  });
}

/** What the browser can check: length and the own name or address, in the server's order. */
export const checkPasswordInBrowser: PasswordCheck = (password, identifiers = []) =>
  lengthProblem(password) ?? (isOwnIdentifier(password, identifiers) ? "containsIdentifier" : undefined);

export type PasswordRule = "length" | "notIdentifier";

/** Each rule the browser can tick as the person types; undefined while nothing is typed. */
export function passwordRules(password: string, identifiers: readonly (string | undefined)[]): Record<PasswordRule, boolean | undefined> {
  if (!password) return { length: undefined, notIdentifier: undefined };
  return { length: lengthProblem(password) === undefined, notIdentifier: !isOwnIdentifier(password, identifiers) };
}
