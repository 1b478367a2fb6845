import { z } from "zod";
import type { Catalogue } from "../scopes/catalogue";

// RFC 9396 authorization_details Tobira can put in front of a person. Anything else — an
// unknown type, a field we would not show, a missing amount — is refused as a whole: a person
// never approves a transaction part of which they could not see (CONSENT.md §1.9).

const text = z.union([z.string().trim().min(1), z.number()]).transform(String);
const account = z.record(z.string().min(1), text).refine((value) => Object.keys(value).length > 0, "empty account");

export const paymentInitiationSchema = z.strictObject({
  type: z.literal("payment_initiation"),
  locations: z.array(z.string()).optional(),
  instructedAmount: z.strictObject({ amount: text, currency: z.string().trim().min(1) }),
  creditorName: z.string().trim().min(1),
  creditorAccount: account,
  debtorAccount: account.optional(),
  remittanceInformationUnstructured: z.string().trim().min(1).optional(),
});

export type PaymentInitiation = z.infer<typeof paymentInitiationSchema>;

export type Transactions =
  | { ok: true; payments: PaymentInitiation[]; assurance: 2 | 3 }
  | { ok: false; problem: string };

export function readTransactions(details: readonly unknown[], catalogue: Catalogue): Transactions {
  const payments: PaymentInitiation[] = [];
  let assurance: 2 | 3 = 2;
  for (const [index, detail] of details.entries()) {
    const type = typeof detail === "object" && detail !== null && "type" in detail ? String(detail.type) : "";
    const config = type === "payment_initiation" ? catalogue.authorization_details_types.payment_initiation : undefined;
    if (!config) return { ok: false, problem: `authorization_details[${index}]: type '${type}' is not supported` };
    const parsed = paymentInitiationSchema.safeParse(detail);
    if (!parsed.success) return { ok: false, problem: `authorization_details[${index}]: ${parsed.error.issues[0]?.message ?? "invalid"}` };
    payments.push(parsed.data);
    if (config.assurance > assurance) assurance = config.assurance;
  }
  return { ok: true, payments, assurance };
}

/**
 * True when the app asked for authorization_details (RFC 9396 §2) that the authorization server
 * did not hand to Tobira — Ory Hydra v2.3 ignores the parameter and its consent requests carry no
 * details. Shown as an ordinary consent, the person would approve a transaction they never saw.
 */
export function detailsWithheld(details: readonly unknown[], requestUrl: string | undefined): boolean {
  if (details.length > 0 || !requestUrl || !URL.canParse(requestUrl)) return false;
  return new URL(requestUrl).searchParams.has("authorization_details");
}
