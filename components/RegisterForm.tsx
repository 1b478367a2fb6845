"use client";

import { useActionState } from "react";
import { isolate } from "@/lib/i18n/bidi";
import type { RegisterErrorKey, RegisterField, RegisterState } from "@/lib/register/state";
import { ErrorSummary } from "./ErrorSummary";
import { OutcomePanel } from "./OutcomePanel";
import { FormActions } from "./FormActions";
import { TextField } from "./TextField";

export type ProfileField = Exclude<RegisterField, "email" | "password">;

export interface RegisterFormText {
  title: string;
  intro: string;
  email: string;
  password: string;
  passwordHint: string;
  fields: Record<ProfileField, string>;
  submit: string;
  submitting: string;
  sentTitle: string;
  /** Contains {email}, filled in here with the address isolated (lib/i18n/bidi.ts). */
  sentBody: string;
  errorSummaryTitle: string;
  errors: Record<RegisterErrorKey, string>;
}

interface Props {
  action: (state: RegisterState, formData: FormData) => Promise<RegisterState>;
  initialState: RegisterState;
  challenge?: string;
  fields: ProfileField[];
  text: RegisterFormText;
}

const AUTOCOMPLETE: Record<ProfileField, { autoComplete: string; type?: "tel" | "date"; inputMode?: "tel" }> = {
  givenName: { autoComplete: "given-name" },
  familyName: { autoComplete: "family-name" },
  phoneNumber: { autoComplete: "tel", type: "tel", inputMode: "tel" },
  birthdate: { autoComplete: "bday", type: "date" },
};

/** The registration form; after sending, the "check your email" panel. Works without JavaScript. */
export function RegisterForm({ action, initialState, challenge, fields, text }: Props) {
  const [state, formAction] = useActionState(action, initialState);
  if (state.status === "sent") {
    return <OutcomePanel title={text.sentTitle} body={text.sentBody.replace("{email}", () => isolate(state.email))} />;
  }
  const error = state.status === "error" ? state : undefined;
  const values = error?.values;
  return (
    <>
      <h1 className="text-2xl font-bold">{text.title}</h1>
      <p className="mt-1 mb-6 text-ink-muted">{text.intro}</p>
      <form action={formAction} className="space-y-5">
        {error && <ErrorSummary title={text.errorSummaryTitle} message={text.errors[error.error]} fieldId={error.field} />}
        {challenge && <input type="hidden" name="challenge" value={challenge} />}
        <TextField id="email" label={text.email} type="email" inputMode="email" autoComplete="email" defaultValue={values?.email} invalid={error?.field === "email"} />
        <TextField id="password" label={text.password} type="password" autoComplete="new-password" hint={text.passwordHint} invalid={error?.field === "password"} />
        {fields.map((field) => (
          <TextField key={field} id={field} label={text.fields[field]} {...AUTOCOMPLETE[field]} defaultValue={values?.[field]} invalid={error?.field === field} />
        ))}
        <FormActions primary={{ label: text.submit, pendingLabel: text.submitting }} />
      </form>
    </>
  );
}
