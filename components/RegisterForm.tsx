"use client";

import { useActionState, useMemo } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { isolate } from "@/lib/i18n/bidi";
import { checkPasswordInBrowser } from "@/lib/identity/password-rules";
import { registerSchema, type ProfileField, type RegisterFormValues } from "@/lib/register/schema";
import type { RegisterErrorKey, RegisterField, RegisterState } from "@/lib/register/state";
import { ErrorSummary } from "./ErrorSummary";
import { OutcomePanel } from "./OutcomePanel";
import { FormActions } from "./FormActions";
import { PasswordRules, type PasswordRulesText } from "./PasswordRules";
import { TextField } from "./TextField";
import { useCheckedSubmit } from "./useCheckedSubmit";

export type { ProfileField };

export interface RegisterFormText {
  title: string;
  intro: string;
  email: string;
  password: string;
  passwordHint: string;
  passwordRules: PasswordRulesText;
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

/** What the server kept of a refused form (never the password). */
const valuesAfter = (state: RegisterState): RegisterFormValues | undefined => (state.status === "error" ? { ...state.values, password: "" } : undefined);

/** The registration form; after sending, the "check your email" panel. Works without JavaScript;
 * with it, the form checks itself with the server's schema before sending (useCheckedSubmit.ts). */
export function RegisterForm({ action, initialState, challenge, fields, text }: Props) {
  const [state, formAction] = useActionState(action, initialState);
  const schema = useMemo(() => registerSchema(fields, checkPasswordInBrowser), [fields]);
  // No default values: the fields start with what the page rendered (or what was typed before
  // the script ran), which react-hook-form reads from them.
  const form = useForm<RegisterFormValues>({ resolver: zodResolver(schema), mode: "onSubmit", reValidateMode: "onChange" });
  const checked = useCheckedSubmit(form, state, valuesAfter);
  const [password = "", email = ""] = useWatch({ control: form.control, name: ["password", "email"] });
  const { errors } = form.formState;
  if (state.status === "sent") {
    return <OutcomePanel title={text.sentTitle} body={text.sentBody.replace("{email}", () => isolate(state.email))} />;
  }
  const serverError = state.status === "error" && checked.serverAnswerShown ? state : undefined;
  const values = state.status === "error" ? state.values : undefined;
  // A message key of the schema (lib/register/schema.ts) or of the server's answer.
  const errorOf = (field: RegisterField) => {
    const key = (errors[field]?.message as RegisterErrorKey | undefined) ?? (serverError?.field === field ? serverError.error : undefined);
    return key ? text.errors[key] : undefined;
  };
  return (
    <>
      <h1 className="text-2xl font-bold">{text.title}</h1>
      <p className="mt-1 mb-6 text-ink-muted">{text.intro}</p>
      <form action={formAction} onSubmit={checked.onSubmit} noValidate={checked.noValidate} className="space-y-5">
        {serverError && <ErrorSummary title={text.errorSummaryTitle} message={text.errors[serverError.error]} fieldId={serverError.field} />}
        {challenge && <input type="hidden" name="challenge" value={challenge} />}
        <TextField
          id="email"
          label={text.email}
          type="email"
          inputMode="email"
          autoComplete="email"
          defaultValue={values?.email}
          error={errorOf("email")}
          field={form.register("email", { deps: ["password"] })}
        />
        <TextField
          id="password"
          label={text.password}
          type="password"
          autoComplete="new-password"
          hint={text.passwordHint}
          error={errorOf("password")}
          field={form.register("password")}
          after={{ id: "password-rules", content: <PasswordRules id="password-rules" password={password} identifiers={[email]} text={text.passwordRules} /> }}
        />
        {fields.map((field) => (
          <TextField key={field} id={field} label={text.fields[field]} {...AUTOCOMPLETE[field]} defaultValue={values?.[field]} error={errorOf(field)} field={form.register(field)} />
        ))}
        <FormActions primary={{ label: text.submit, pendingLabel: text.submitting }} />
      </form>
    </>
  );
}
