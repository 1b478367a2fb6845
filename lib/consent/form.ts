import { z } from "zod";
import { challengeParam } from "@/lib/challenge/params";

// The consent form as posted (DESIGN.md: decision=allow|deny from two submit buttons).
export const consentForm = z.object({
  challenge: challengeParam,
  decision: z.enum(["allow", "deny"]),
});

export type ConsentForm = z.infer<typeof consentForm>;

export function readConsentForm(formData: FormData) {
  return consentForm.safeParse({ challenge: formData.get("challenge"), decision: formData.get("decision") });
}
