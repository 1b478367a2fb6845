import "server-only";
import type { Locale } from "@/lib/i18n/routing";
import { getTranslations } from "next-intl/server";
import { currentBrand } from "@/lib/branding";
import { attempt, challenges } from "@/lib/challenge";
import { optionalChallenge } from "@/lib/challenge/params";
import { formValue } from "@/lib/forms/values";
import { emailField } from "@/lib/identity/email";
import { env, type RegistrationField } from "@/lib/config/env";
import { checkNewPassword, identityStore, type TokenLookup } from "@/lib/identity";
import { hashPassword } from "@/lib/identity/password";
import { afterResponse } from "@/lib/mail/outbox";
import { firstRegisterProblem } from "./schema";
import type { RegisterErrorKey, RegisterField, RegisterState, RegisterValues, VerifyState } from "./state";

// Self-service registration (会員登録):
// 1. the form asks for an email address, a password (NIST SP 800-63B rules) and the profile
//    fields the operator chose (TOBIRA_REGISTRATION_FIELDS);
// 2. nothing is created yet: a single-use link (24 h, hashed at rest) carries the pending
//    registration, with the password already hashed, to the address;
// 3. an address that already has an account gets a different mail (sign in or reset), and the
//    screen says the same in both cases, so registration does not reveal who has an account;
// 4. opening the link shows a button (mail scanners that prefetch links do not use it up);
//    pressing it creates the account with a verified address and returns the person to the
//    sign-in they started from when it is still pending; they sign in with their password there
//    (the link alone never signs a browser in: it may not be the browser that registered).

export const VERIFY_TTL_SECONDS = 24 * 60 * 60;

export function registrationOpen(): boolean {
  return env().TOBIRA_REGISTRATION === "on";
}

export function registrationFields(): RegistrationField[] {
  return env().TOBIRA_REGISTRATION_FIELDS;
}

export interface RegisterInput extends RegisterValues {
  challenge?: string;
  password: string;
}

export function readRegisterForm(formData: unknown): RegisterInput {
  const value = (name: string) => formValue(formData, name).trim().slice(0, 256);
  return {
    challenge: optionalChallenge.parse(formValue(formData, "challenge") || undefined),
    email: emailField.parse(formValue(formData, "email")),
    password: formValue(formData, "password").slice(0, 1024),
    givenName: value("givenName"),
    familyName: value("familyName"),
    phoneNumber: value("phoneNumber"),
    birthdate: value("birthdate"),
  };
}

/** The first problem with the form, in the order the fields are shown: the form's schema
 * (schema.ts, which the browser runs too) with the whole password policy. */
export function validateRegistration(input: RegisterInput, fields: readonly RegistrationField[]): { error: RegisterErrorKey; field: RegisterField } | undefined {
  return firstRegisterProblem(input, fields, checkNewPassword);
}

async function mailText(locale: Locale) {
  const [t, common, brand] = await Promise.all([
    getTranslations({ locale, namespace: "Mail" }),
    getTranslations({ locale, namespace: "Common" }),
    currentBrand(),
  ]);
  // Mails name the service as the screens do: the brand of the app the person came from.
  return { t, service: common("serviceName", { brand: brand.name }) };
}

const linkTo = (path: string, params: Record<string, string>) => {
  const url = new URL(path, env().TOBIRA_PUBLIC_URL);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
};

export async function submitRegistration(input: RegisterInput, locale: Locale): Promise<RegisterState> {
  const values: RegisterValues = {
    email: input.email,
    givenName: input.givenName,
    familyName: input.familyName,
    phoneNumber: input.phoneNumber,
    birthdate: input.birthdate,
  };
  const fields = registrationFields();
  const invalid = validateRegistration(input, fields);
  if (invalid) return { status: "error", ...invalid, values };

  const { t, service } = await mailText(locale);
  // Whether the address has an account is looked up, and acted on, after the answer
  // (lib/mail/outbox.ts): the answer is the same, at the same time, either way.
  await afterResponse("registration", async (send) => {
    const store = await identityStore();
    const existing = (await store.accounts.findByEmail(input.email)).length > 0 || (await store.accounts.findByUserName(input.email)) !== undefined;
    if (existing) {
      const link = linkTo("/recover", input.challenge ? { login_challenge: input.challenge } : {});
      await send({ to: input.email, subject: t("existingSubject", { service }), text: t("existingBody", { service, link }) });
      return;
    }
    const profile = Object.fromEntries(fields.map((field) => [field, input[field]]));
    const token = await store.tokens.issue({
      purpose: "verify_email",
      payload: { email: input.email, passwordHash: await hashPassword(input.password), profile, challenge: input.challenge ?? null },
      ttlSeconds: VERIFY_TTL_SECONDS,
    });
    const link = linkTo("/register/verify", { token });
    await send({ to: input.email, subject: t("verifySubject", { service }), text: t("verifyBody", { service, link }) });
  });
  return { status: "sent", email: input.email };
}

export type VerifyLink = { ok: true; email: string } | { ok: false; reason: "invalid" | "expired" | "used" };

function pendingEmail(found: TokenLookup): string | undefined {
  return found.ok && typeof found.payload.email === "string" ? found.payload.email : undefined;
}

/** What GET /register/verify shows: the confirm button, or why the link cannot be used. */
export async function beginVerify(token: string): Promise<VerifyLink> {
  const store = await identityStore();
  const found = await store.tokens.peek("verify_email", token);
  if (!found.ok) return { ok: false, reason: found.error };
  const email = pendingEmail(found);
  return email ? { ok: true, email } : { ok: false, reason: "invalid" };
}

export type VerifyOutcome = { ok: true; redirectTo?: string } | { ok: false; state: VerifyState };

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);

export async function submitVerify(token: string): Promise<VerifyOutcome> {
  const store = await identityStore();
  // The link is used up and the account created in one transaction: a crash in between must not
  // leave a used link and no account (the registration lost) — nor an account whose link still works.
  const made = await store.database.atomic(async (): Promise<{ ok: false; state: VerifyState } | { ok: true; challenge?: string }> => {
    const found = await store.tokens.consume("verify_email", token);
    if (!found.ok) return { ok: false, state: { status: "error", error: found.error } };
    const email = pendingEmail(found);
    const passwordHash = text(found.payload.passwordHash);
    if (!email || !passwordHash) return { ok: false, state: { status: "error", error: "invalid" } };
    const profile = (typeof found.payload.profile === "object" && found.payload.profile !== null ? found.payload.profile : {}) as Record<string, unknown>;

    // The address may have been taken since the link was sent (another registration, SCIM).
    if ((await store.accounts.findByEmail(email)).length > 0) return { ok: false, state: { status: "error", error: "taken" } };
    const created = await store.accounts.create({
      userName: email,
      passwordHash,
      email,
      emailVerified: true,
      givenName: text(profile.givenName),
      familyName: text(profile.familyName),
      phoneNumber: text(profile.phoneNumber),
      birthdate: text(profile.birthdate),
    });
    if (!created.ok) return { ok: false, state: { status: "error", error: "taken" } };
    return { ok: true, challenge: text(found.payload.challenge) };
  });
  if (!made.ok) return made;

  const challenge = made.challenge;
  if (challenge) {
    const pending = await attempt("register: login request", () => challenges().getLoginRequest(challenge));
    if (pending.ok) return { ok: true, redirectTo: `/login?${new URLSearchParams({ login_challenge: challenge, notice: "registered" })}` };
  }
  return { ok: true };
}

export type { RegisterField };
