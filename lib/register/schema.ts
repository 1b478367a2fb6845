import * as z from "zod/mini";
import { isEmail } from "@/lib/identity/email";
import type { PasswordCheck } from "@/lib/identity/password-rules";
import type { RegisterErrorKey, RegisterField } from "./state";

// The registration form's rules, one schema for both sides: the server parses the posted form
// with it (flow.ts, with the whole password policy, lib/identity/password-policy.ts) and the form
// runs it in the browser before anything is sent (components/RegisterForm.tsx, with the part of
// the policy the browser can check, lib/identity/password-rules.ts). No server-only module is
// imported here: this file is bundled into the registration page. Messages are message keys
// (Register.errors, Password.errors), translated where they are shown.

export type ProfileField = Exclude<RegisterField, "email" | "password">;

export type RegisterFormValues = { email: string; password: string } & Partial<Record<ProfileField, string>>;

const PHONE = /^\+?[0-9()\-\s]{6,32}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isBirthdate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date < new Date() && date.getUTCFullYear() >= 1900;
}

// A field reports its first problem only: an empty field is "required", not also "invalid". The
// later checks pass an empty value rather than abort (zod's `abort` on a field would also skip the
// form-wide password check below).
const filled = (key: RegisterErrorKey) => [z.trim(), z.minLength(1, { error: key })] as const;
const valid = (test: (value: string) => boolean, key: RegisterErrorKey) => z.refine<string>((value) => value === "" || test(value), { error: key });

const profile: Record<ProfileField, z.ZodMiniType<string, string>> = {
  givenName: z.string().check(...filled("givenNameRequired")),
  familyName: z.string().check(...filled("familyNameRequired")),
  phoneNumber: z.string().check(...filled("phoneNumberRequired"), valid((value) => PHONE.test(value), "phoneNumberInvalid")),
  birthdate: z.string().check(...filled("birthdateRequired"), valid(isBirthdate, "birthdateInvalid")),
};

/** The schema for a form asking for `fields`; `checkPassword` is the password policy that can run
 * where the schema runs. */
export function registerSchema(fields: readonly ProfileField[], checkPassword: PasswordCheck): z.ZodMiniType<RegisterFormValues, RegisterFormValues> {
  const shape = {
    email: z.string().check(...filled("emailRequired"), valid(isEmail, "emailInvalid")),
    password: z.string().check(z.minLength(1, { error: "password.required" satisfies RegisterErrorKey })),
    ...Object.fromEntries(fields.map((field) => [field, profile[field]])),
  };
  return z.object(shape).check(
    z.superRefine((values, ctx) => {
      // Also when another field has a problem, so that the password's shows at the same time.
      const problem = checkPassword(values.password, [values.email]);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: `password.${problem}` satisfies RegisterErrorKey });
    }, { when: ({ value }) => typeof value === "object" && value !== null && isText((value as Record<string, unknown>).email) && nonEmptyText((value as Record<string, unknown>).password) }),
  );
}

const isText = (value: unknown): value is string => typeof value === "string";
const nonEmptyText = (value: unknown) => isText(value) && value !== "";

/** The first problem, in the order the form shows its fields (email, password, then `fields`). */
export function firstRegisterProblem(
  input: RegisterFormValues,
  fields: readonly ProfileField[],
  checkPassword: PasswordCheck,
): { error: RegisterErrorKey; field: RegisterField } | undefined {
  const parsed = z.safeParse(registerSchema(fields, checkPassword), input);
  if (parsed.success) return undefined;
  const order: RegisterField[] = ["email", "password", ...fields];
  // Every message of the schema is one of its keys (the input is all strings), on its field.
  const [first] = parsed.error.issues
    .map((issue) => ({ error: issue.message as RegisterErrorKey, field: issue.path[0] as RegisterField }))
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return first ?? { error: "internal", field: "email" };
}
