import { z } from "zod";
import { clientIdParam } from "@/lib/challenge/params";
import { formValues } from "@/lib/forms/values";

// The account area's forms as posted.

export { clientIdParam };

export const revokeForm = z.union([
  z.object({ scope: z.literal("app"), client: clientIdParam }),
  z.object({ scope: z.literal("all") }),
]);

export type RevokeForm = z.infer<typeof revokeForm>;

export function readRevokeForm(formData: unknown) {
  const { scope, client } = formValues(formData, ["scope", "client"]);
  return revokeForm.safeParse({ scope, ...(client !== undefined ? { client } : {}) });
}
