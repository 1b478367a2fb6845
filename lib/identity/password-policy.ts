import "server-only";
import common from "./common-passwords.json" with { type: "json" };
import { folded, isOwnIdentifier, lengthProblem, type PasswordCheck } from "./password-rules";

// NIST SP 800-63B §5.1.1.2 (memorized secrets):
// 1. at least 8 characters; at least 64 allowed (Tobira allows 256), counted as Unicode code
//    points of the password as it is hashed (normalised: normalizePassword in
//    ./password-rules.ts), spaces included (passphrases welcome);
// 2. no composition rules (no "one digit, one symbol");
// 3. refused when found in a list of commonly used or breached values (bundled:
//    common-passwords.json), or when it is the account's own name or address; these comparisons
//    fold case and width (NFKC), so "ＰＡＳＳＷＯＲＤ" is as common as "password";
// 4. pasting and password managers are allowed (nothing here or in the forms prevents them).
// Rule 1 and rule 3's own name or address are in ./password-rules.ts, which the forms also run in
// the browser; the list is checked here only, on the server, which stays the authority.

export { PASSWORD_MAX, PASSWORD_MIN, type PasswordErrorKey, type PasswordProblem } from "./password-rules";

const commonPasswords = new Set<string>(common as string[]);

function isCommon(password: string): boolean {
  const lower = folded(password);
  return commonPasswords.has(lower) || commonPasswords.has(lower.trim());
}

/** Checks a new password; `identifiers` are the account's user name and email address. */
export const checkNewPassword: PasswordCheck = (password, identifiers = []) => {
  const length = lengthProblem(password);
  if (length) return length;
  if (isCommon(password)) return "common";
  if (isOwnIdentifier(password, identifiers)) return "containsIdentifier";
  return undefined;
};
