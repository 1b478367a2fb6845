import common from "./common-passwords.json" with { type: "json" };
import { normalizePassword } from "./password";

// NIST SP 800-63B §5.1.1.2 (memorized secrets):
// 1. at least 8 characters; at least 64 allowed (Tobira allows 256), counted as Unicode code
//    points of the password as it is hashed (normalised: ./password.ts), spaces included
//    (passphrases welcome);
// 2. no composition rules (no "one digit, one symbol");
// 3. refused when found in a list of commonly used or breached values (bundled:
//    common-passwords.json), or when it is the account's own name or address; these comparisons
//    fold case and width (NFKC), so "ＰＡＳＳＷＯＲＤ" is as common as "password";
// 4. pasting and password managers are allowed (nothing here or in the forms prevents them).

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "containsIdentifier";

const commonPasswords = new Set<string>(common as string[]);

/** Case and width folded, for comparing with lists and names only (never hashed). */
const folded = (text: string) => text.normalize("NFKC").toLowerCase();

/** Checks a new password; `identifiers` are the account's user name and email address. */
export function checkNewPassword(password: string, identifiers: readonly (string | undefined)[] = []): PasswordProblem | undefined {
  const length = [...normalizePassword(password)].length;
  if (length < PASSWORD_MIN) return "tooShort";
  if (length > PASSWORD_MAX) return "tooLong";
  const lower = folded(password);
  if (commonPasswords.has(lower) || commonPasswords.has(lower.trim())) return "common";
  for (const identifier of identifiers) {
    const id = identifier && folded(identifier).trim();
    if (!id) continue;
    const local = id.split("@")[0] ?? id;
    if (lower === id || (local.length >= 4 && lower === local)) return "containsIdentifier";
  }
  return undefined;
}

/** Password problems as message keys under Password.errors. */
export type PasswordErrorKey = "required" | PasswordProblem;
