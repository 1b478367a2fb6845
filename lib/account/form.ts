import { z } from "zod";

// The account area's forms as posted.

/** A client id as it may appear in a URL or form (Hydra: printable ASCII). */
export const clientIdParam = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/);

export const revokeForm = z.union([
  z.object({ scope: z.literal("app"), client: clientIdParam }),
  z.object({ scope: z.literal("all") }),
]);

export type RevokeForm = z.infer<typeof revokeForm>;

export function readRevokeForm(formData: FormData) {
  const client = formData.get("client");
  return revokeForm.safeParse({ scope: formData.get("scope"), ...(typeof client === "string" ? { client } : {}) });
}
