import { z } from "zod";
import { challengeParam } from "@/lib/challenge/params";
import { formValues } from "@/lib/forms/values";

// The logout form as posted: decision=logout (sign out) or decision=stay (stay signed in).
export const logoutForm = z.object({
  challenge: challengeParam,
  decision: z.enum(["logout", "stay"]),
});

export type LogoutForm = z.infer<typeof logoutForm>;

export function readLogoutForm(formData: unknown) {
  return logoutForm.safeParse(formValues(formData, ["challenge", "decision"]));
}
