import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messageKeys } from "@/common/i18n/keys";
import { messagesFor } from "./messages";
import { defaultLocale } from "./routing";

// Every message is used somewhere. A key counts as used when the code names it in full
// ("Consent.unrecognised"), or when a file that names its namespace ("Login", as in
// getTranslations("Login"), or "Consent.changes") also names the rest of the key ("errors.expired"). Keys looked up
// with a computed name live under these documented dynamic namespaces (docs/translating.md):
export const DYNAMIC_NAMESPACES = [
  "Scopes.",
  "Error.reasons.",
  "Error.oauth.",
  "Preview.screens.",
  "Consent.changes.",
  "Consent.marks.",
  "Consent.risk.",
  "Consent.about.",
  "Login.notices.",
  "MailLink.invalid.",
  "MailLink.expired.",
  "MailLink.used.",
  "Account.errors.",
  "Activity.events.",
  "Mfa.reasons.",
  "Security.notices.",
  "Security.errors.",
];

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCES = ["app", "components", "lib", "core", "proxy.ts"];

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs.readdirSync(full).flatMap((child) => sourceFiles(path.join(entry, child)));
}

function literals(code: string): Set<string> {
  const found = new Set<string>();
  // Double quotes and plain template literals: the code's string style (apostrophes in comments
  // would derail a single-quote pattern).
  for (const match of code.matchAll(/"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
    const value = match[1] ?? match[2] ?? "";
    if (!value.includes("${")) found.add(value);
  }
  return found;
}

describe("message usage", () => {
  const files = SOURCES.flatMap(sourceFiles)
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => literals(fs.readFileSync(file, "utf8")));

  function isUsed(key: string): boolean {
    if (DYNAMIC_NAMESPACES.some((prefix) => key.startsWith(prefix))) return true;
    const parts = key.split(".");
    // Any split: getTranslations("Consent.changes") + t("heading") as well as "Consent" + "changes.heading".
    const splits = parts.slice(1).map((_, i) => [parts.slice(0, i + 1).join("."), parts.slice(i + 1).join(".")] as const);
    return files.some((strings) => strings.has(key) || splits.some(([namespace, tail]) => strings.has(namespace) && strings.has(tail)));
  }

  it("has no message the code never uses", () => {
    const unused = messageKeys(messagesFor(defaultLocale)).filter((key) => !isUsed(key));
    expect(unused).toEqual([]);
  });

  it("would notice an unused message", () => {
    expect(isUsed("Login.title")).toBe(true);
    expect(isUsed("Login.noSuchMessage")).toBe(false);
  });
});
