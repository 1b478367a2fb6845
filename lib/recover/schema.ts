import * as z from "zod/mini";
import type { PasswordCheck } from "@/lib/identity/password-rules";
import type { ResetErrorKey } from "./state";

// The new-password form's rules, one schema for both sides: the server parses the posted password
// with it (flow.ts, with the whole password policy and the account's name and address) and the
// form runs it in the browser before anything is sent (components/ResetPasswordForm.tsx, with the
// part of the policy the browser can check and the user name the page shows). No server-only
// module is imported here: this file is bundled into the page. Messages are message keys.

export type ResetFormValues = { password: string };

export function resetSchema(identifiers: readonly (string | undefined)[], checkPassword: PasswordCheck): z.ZodMiniType<ResetFormValues, ResetFormValues> {
  return z.object({
    password: z.string().check(
      z.minLength(1, { error: "password.required" satisfies ResetErrorKey, abort: true }),
      z.superRefine((password, ctx) => {
        const problem = checkPassword(password, identifiers);
        if (problem) ctx.addIssue({ code: "custom", message: `password.${problem}` satisfies ResetErrorKey });
      }),
    ),
  });
}
