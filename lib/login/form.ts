import { z } from "zod";
import { challengeParam } from "@/lib/challenge/params";
import { formValues } from "@/lib/forms/values";

// The login form as posted (DESIGN.md: identifier, password, remember, hidden challenge).

export const loginForm = z.object({
  challenge: challengeParam,
  intent: z.enum(["login", "cancel"]).catch("login"),
  identifier: z.string().trim().max(256).catch(""),
  password: z.string().max(1024).catch(""),
  remember: z
    .string()
    .optional()
    .transform((value) => value === "on"),
});

export type LoginForm = z.infer<typeof loginForm>;

export function readLoginForm(formData: unknown) {
  return loginForm.safeParse(formValues(formData, ["challenge", "intent", "identifier", "password", "remember"]));
}
