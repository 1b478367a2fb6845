"use server";

import "server-only";
import { redirect } from "next/navigation";
import { requireAccountSession } from "@/lib/account/flow";
import type { AccountSession } from "@/lib/account/session-data";
import { formValues } from "@/lib/forms/values";
import type { PasskeyResult } from "@/lib/mfa/state";
import * as flow from "./flow";
import { addTotpForm, codeForm, passwordForm, proofForm } from "./form";
import type { FirstFactorState } from "@/lib/factors/first-factor-state";
import type { SecurityState } from "./state";

// Actions of /account/security: read the form, take the signed-in person, call the flow
// (./flow.ts), redirect where it says.

const session = () => requireAccountSession(flow.SECURITY_PAGE);

/** A failure of the store or the admin API is the translated "try again", never a 500. */
async function guarded<T>(what: string, step: () => Promise<T>, failed: T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    console.error(`account security: ${what} failed`, error);
    return failed;
  }
}

/** Runs a form's step for the signed-in person (sent to sign in first when there is none). */
async function run(what: string, step: (person: AccountSession) => Promise<flow.SecurityOutcome>): Promise<SecurityState> {
  const person = await session();
  const outcome = await guarded(what, () => step(person), { status: "error", error: "internal" });
  if (outcome.status === "redirect") redirect(outcome.to);
  return outcome;
}

async function runProof(what: string, step: (person: AccountSession) => Promise<flow.ProofOutcome>): Promise<FirstFactorState> {
  const person = await session();
  const outcome = await guarded(what, () => step(person), { status: "error", error: "internal" });
  if (outcome.status === "redirect") redirect(outcome.to);
  return outcome;
}

async function ceremony<T>(what: string, step: (person: AccountSession) => Promise<PasskeyResult<T>>): Promise<PasskeyResult<T>> {
  const person = await session();
  return guarded(what, () => step(person), { ok: false, error: "internal" });
}

export async function confirmPasswordAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const form = passwordForm.parse(formValues(formData, ["password"]));
  return run("password confirmation", (person) => flow.confirmPassword(person, form));
}

export async function confirmCodeAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const form = codeForm.parse(formValues(formData, ["method", "code"]));
  return run("code confirmation", (person) => flow.confirmCode(person, form));
}

export async function confirmPasskeyOptions() {
  return ceremony("passkey options", (person) => flow.confirmPasskeyOptions(person));
}

export async function confirmPasskeyVerify(response: unknown) {
  return ceremony("passkey confirmation", (person) => flow.confirmPasskeyVerify(person, response));
}

export async function sendFirstFactorCodeAction(): Promise<FirstFactorState> {
  return runProof("mailing the first-factor code", (person) => flow.sendFirstFactor(person));
}

export async function proveFirstFactorAction(_previous: FirstFactorState, formData: FormData): Promise<FirstFactorState> {
  const form = proofForm.parse(formValues(formData, ["intent", "code"]));
  return runProof("the first-factor code", (person) => flow.proveFirstFactor(person, form));
}

export async function addTotpAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const form = addTotpForm.parse(formValues(formData, ["enrolment", "name", "code"]));
  return run("adding an authenticator app", (person) => flow.addTotp(person, form));
}

export async function registerPasskeyOptions() {
  return ceremony("passkey registration options", (person) => flow.registerPasskeyOptions(person));
}

export async function registerPasskeyVerify(response: unknown) {
  return ceremony("passkey registration", (person) => flow.registerPasskeyVerify(person, response));
}

export async function renameFactorAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const values = formValues(formData, ["kind", "id", "name"]);
  return run("renaming a factor", (person) => flow.renameFactor(person, values));
}

export async function removeFactorAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const values = formValues(formData, ["kind", "id"]);
  return run("removing a factor", (person) => flow.removeFactor(person, values));
}

export async function regenerateCodesAction(): Promise<SecurityState> {
  return run("new recovery codes", (person) => flow.regenerateCodes(person));
}
