import { z } from "zod";
import { challengeParam } from "@/lib/challenge/params";
import { formValue, formValues } from "@/lib/forms/values";

// The device page's form as posted: the hidden challenge and the code the person typed.

/**
 * User codes are typed, pasted or dictated: full-width characters (an IME), lower case, spaces
 * and dashes are all accepted; what is left must be letters or digits (RFC 8628 §6.1).
 */
export function normalizeUserCode(input: string): string {
  return input.normalize("NFKC").toUpperCase().replace(/[\s\-‐‑‒–—―_.]/g, "");
}

export const deviceForm = z.object({
  challenge: challengeParam,
  userCode: z.string().max(64).transform(normalizeUserCode),
});

export type DeviceForm = z.infer<typeof deviceForm>;

export function readDeviceForm(formData: unknown) {
  return deviceForm.safeParse({ ...formValues(formData, ["challenge"]), userCode: formValue(formData, "user_code") });
}
