import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkNewPassword } from "@/lib/identity/password-policy";
import { checkPasswordInBrowser } from "@/lib/identity/password-rules";
import { resetSchema } from "@/lib/recover/schema";
import { firstRegisterProblem, registerSchema } from "./schema";

const person = { email: "hanako.yamada@example.com", password: "my door opens at dawn", givenName: "Hanako", familyName: "Yamada" };
const fields = ["givenName", "familyName"] as const;
const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("the registration schema, on the server and in the browser", () => {
  it("reports the first problem in the order the fields are shown", () => {
    expect(firstRegisterProblem(person, fields, checkNewPassword)).toBeUndefined();
    expect(firstRegisterProblem({ ...person, email: " ", givenName: "" }, fields, checkNewPassword)).toEqual({ error: "emailRequired", field: "email" });
    expect(firstRegisterProblem({ ...person, email: "hanako" }, fields, checkNewPassword)).toEqual({ error: "emailInvalid", field: "email" });
    expect(firstRegisterProblem({ ...person, password: "" }, fields, checkNewPassword)).toEqual({ error: "password.required", field: "password" });
    expect(firstRegisterProblem({ ...person, password: "short" }, fields, checkNewPassword)).toEqual({ error: "password.tooShort", field: "password" });
    // The password's own-address rule needs the address; it is still reported before a later field's problem.
    expect(firstRegisterProblem({ ...person, password: person.email, familyName: "" }, fields, checkNewPassword)).toEqual({
      error: "password.containsIdentifier",
      field: "password",
    });
    expect(firstRegisterProblem({ ...person, familyName: "  " }, fields, checkNewPassword)).toEqual({ error: "familyNameRequired", field: "familyName" });
  });

  it("checks the profile fields the operator asked for, and only those", () => {
    const all = ["givenName", "familyName", "phoneNumber", "birthdate"] as const;
    const full = { ...person, phoneNumber: "+81 3-1234-5678", birthdate: "1990-04-01" };
    expect(firstRegisterProblem(full, all, checkNewPassword)).toBeUndefined();
    expect(firstRegisterProblem({ ...full, phoneNumber: "call me" }, all, checkNewPassword)).toEqual({ error: "phoneNumberInvalid", field: "phoneNumber" });
    expect(firstRegisterProblem({ ...full, birthdate: "1990-02-30" }, all, checkNewPassword)).toEqual({ error: "birthdateInvalid", field: "birthdate" });
    expect(firstRegisterProblem({ ...full, birthdate: "2999-01-01" }, all, checkNewPassword)).toEqual({ error: "birthdateInvalid", field: "birthdate" });
    expect(firstRegisterProblem({ email: person.email, password: person.password }, [], checkNewPassword)).toBeUndefined();
  });

  it("gives every field its own problem at once, for the form to show beside each", () => {
    const result = registerSchema(fields, checkPasswordInBrowser).safeParse({ email: "", password: "short", givenName: "", familyName: "Yamada" });
    expect(messages(result)).toEqual({ email: "emailRequired", password: "password.tooShort", givenName: "givenNameRequired" });
  });

  it("leaves the list of common passwords to the server, which stays the authority", () => {
    const common = { ...person, password: "password123" };
    expect(registerSchema(fields, checkPasswordInBrowser).safeParse(common).success).toBe(true);
    expect(firstRegisterProblem(common, fields, checkNewPassword)).toEqual({ error: "password.common", field: "password" });
  });
});

describe("the new-password schema", () => {
  it("refuses what the server refuses, the common list on the server only", () => {
    const browser = resetSchema(["hanako"], checkPasswordInBrowser);
    const server = resetSchema(["hanako", "hanako.yamada@example.com"], checkNewPassword);
    expect(messages(browser.safeParse({ password: "" }))).toEqual({ password: "password.required" });
    expect(messages(browser.safeParse({ password: "seven77" }))).toEqual({ password: "password.tooShort" });
    expect(messages(browser.safeParse({ password: "HANAKO" }))).toEqual({ password: "password.tooShort" });
    expect(messages(server.safeParse({ password: "hanako.yamada" }))).toEqual({ password: "password.containsIdentifier" });
    expect(browser.safeParse({ password: "password" }).success).toBe(true);
    expect(messages(server.safeParse({ password: "password" }))).toEqual({ password: "password.common" });
    expect(server.safeParse({ password: "my door opens at dawn" }).success).toBe(true);
  });

  it("counts the length in the browser as the server does, on the password as it is hashed", () => {
    // Seven characters typed with combining accents: nine code points, still too short.
    for (const check of [checkPasswordInBrowser, checkNewPassword]) {
      expect(check("cafe\u0301te\u0301r")).toBe("tooShort");
      expect(check("cafe\u0301te\u0301ri")).toBeUndefined();
    }
  });
});

describe("what the forms bundle", () => {
  // The schemas and the browser's rules run in the page: nothing server-only and not the list of
  // common passwords (about 200 kB) may be reachable from them.
  const root = path.resolve(import.meta.dirname, "../..");
  function imports(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const code = fs.readFileSync(path.join(root, file), "utf8");
    for (const [, spec = ""] of code.matchAll(/^import\s+(?!type\b)[^"]*"([^"]+)"/gm)) {
      const local = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(file), spec) : undefined;
      if (!local) {
        seen.add(spec);
        continue;
      }
      const found = [`${local}.ts`, `${local}.tsx`, local].find((candidate) => fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile());
      if (found) imports(found, seen);
    }
    return seen;
  }

  it.each(["lib/register/schema.ts", "lib/recover/schema.ts", "lib/identity/password-rules.ts"])("%s", (file) => {
    const reached = [...imports(file)];
    expect(reached.filter((entry) => entry === "server-only" || entry.includes("common-passwords") || entry.includes("password-policy"))).toEqual([]);
    expect(reached).toContain(file);
  });
});
