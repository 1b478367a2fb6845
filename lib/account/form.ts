import { z } from "zod";
import { formValues } from "@/lib/forms/values";

// The account area's forms as posted.

/** A client id as it may appear in a URL or form (Hydra: printable ASCII). */
export const clientIdParam = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/);

export const revokeForm = z.union([
  z.object({ scope: z.literal("app"), client: clientIdParam }),
  z.object({ scope: z.literal("all") }),
]);

export type RevokeForm = z.infer<typeof revokeForm>;

export function readRevokeForm(formData: unknown) {
  const { scope, client } = formValues(formData, ["scope", "client"]);
  return revokeForm.safeParse({ scope, ...(client !== undefined ? { client } : {}) });
}
