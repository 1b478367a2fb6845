import { z } from "zod";
import { challengeParam } from "@/lib/challenge/params";
import { formList, formValues } from "@/lib/forms/values";

// The consent form as posted (DESIGN.md: decision=allow|deny from two submit buttons and
// `scope` for each optional scope kept; the flow ignores any scope that was not optional).
export const consentForm = z.object({
  challenge: challengeParam,
  decision: z.enum(["allow", "deny"]),
  scope: z.array(z.string().min(1).max(256)).max(100),
});

export type ConsentForm = z.infer<typeof consentForm>;

export function readConsentForm(formData: unknown) {
  return consentForm.safeParse({ ...formValues(formData, ["challenge", "decision"]), scope: formList(formData, "scope") });
}
