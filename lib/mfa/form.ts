import { z } from "zod";
import { challengeParam } from "@/lib/challenge/params";

// The second-factor forms as posted (DESIGN.md: one-time code field `code`).

const text = (max: number) => z.string().max(max).catch("");

export const codeForm = z.object({
  challenge: challengeParam,
  intent: z.enum(["verify", "cancel"]).catch("verify"),
  method: z.enum(["totp", "recovery"]).catch("totp"),
  code: text(64),
});

export const enrolForm = z.object({
  challenge: challengeParam,
  enrolment: text(2048),
  code: text(64),
});

export const continueForm = z.object({ challenge: challengeParam });

/** The code mailed before a first factor (lib/factors/first-factor.ts), or a request for a new one. */
export const proofForm = z.object({
  challenge: challengeParam,
  intent: z.enum(["verify", "resend"]).catch("verify"),
  code: text(64),
});
