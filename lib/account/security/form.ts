import { z } from "zod";

// The security page's forms as posted.

const text = (max: number) => z.string().max(max).catch("");
const name = z.string().trim().max(64).catch("");

export const passwordForm = z.object({ password: text(1024) });
export const codeForm = z.object({
  method: z.enum(["totp", "recovery"]).catch("totp"),
  code: text(64),
});
export const addTotpForm = z.object({ enrolment: text(2048), name, code: text(64) });
export const proofForm = z.object({ intent: z.enum(["verify", "resend"]).catch("verify"), code: text(64) });
export const factorRef = z.object({ kind: z.enum(["totp", "passkey"]), id: z.string().min(1).max(1024) });
export const renameForm = factorRef.extend({ name });

export type PasswordForm = z.infer<typeof passwordForm>;
export type CodeForm = z.infer<typeof codeForm>;
export type AddTotpForm = z.infer<typeof addTotpForm>;
export type ProofForm = z.infer<typeof proofForm>;
