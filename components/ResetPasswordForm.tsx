"use client";

import { useActionState, useMemo } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { checkPasswordInBrowser } from "@/lib/identity/password-rules";
import { resetSchema, type ResetFormValues } from "@/lib/recover/schema";
import type { ResetErrorKey, ResetState } from "@/lib/recover/state";
import { ErrorSummary } from "./ErrorSummary";
import { OutcomePanel } from "./OutcomePanel";
import { FormActions } from "./FormActions";
import { PasswordRules, type PasswordRulesText } from "./PasswordRules";
import { TextField } from "./TextField";
import { useCheckedSubmit } from "./useCheckedSubmit";

export interface ResetPasswordText {
  title: string;
  body: string;
  password: string;
  passwordHint: string;
  passwordRules: PasswordRulesText;
  submit: string;
  submitting: string;
  doneTitle: string;
  doneBody: string;
  errorSummaryTitle: string;
  errors: Record<ResetErrorKey, string>;
}

interface Props {
  action: (state: ResetState, formData: FormData) => Promise<ResetState>;
  initialState: ResetState;
  token: string;
  /** The account's user name, for password managers (autocomplete="username"). */
  userName: string;
  text: ResetPasswordText;
}

/** A refused password is not kept. */
const valuesAfter = (state: ResetState): ResetFormValues | undefined => (state.status === "error" ? { password: "" } : undefined);

/** The new-password form. Works without JavaScript; with it, the form checks the password with
 * the server's schema before sending (useCheckedSubmit.ts). The browser knows the user name
 * only; the server also checks the address and the list of common passwords. */
export function ResetPasswordForm({ action, initialState, token, userName, text }: Props) {
  const [state, formAction] = useActionState(action, initialState);
  const schema = useMemo(() => resetSchema([userName], checkPasswordInBrowser), [userName]);
  const form = useForm<ResetFormValues>({ resolver: zodResolver(schema), mode: "onSubmit", reValidateMode: "onChange" });
  const checked = useCheckedSubmit(form, state, valuesAfter);
  const password = useWatch({ control: form.control, name: "password" }) ?? "";
  const { errors } = form.formState;
  if (state.status === "done") {
    return <OutcomePanel title={text.doneTitle} body={text.doneBody} />;
  }
  const serverError = state.status === "error" && checked.serverAnswerShown ? state : undefined;
  const passwordError = serverError?.error.startsWith("password.") ? serverError.error : undefined;
  // A message key of the schema (lib/recover/schema.ts) or of the server's answer.
  const fieldError = (errors.password?.message as ResetErrorKey | undefined) ?? passwordError;
  return (
    <>
      <h1 className="text-2xl font-bold">{text.title}</h1>
      <p className="mt-1 mb-6">{text.body}</p>
      <form action={formAction} onSubmit={checked.onSubmit} noValidate={checked.noValidate} className="space-y-5">
        {serverError && <ErrorSummary title={text.errorSummaryTitle} message={text.errors[serverError.error]} fieldId={passwordError ? "password" : undefined} />}
        <input type="hidden" name="token" value={token} />
        <input type="text" name="username" autoComplete="username" value={userName} readOnly hidden />
        <TextField
          id="password"
          label={text.password}
          type="password"
          autoComplete="new-password"
          hint={text.passwordHint}
          error={fieldError ? text.errors[fieldError] : undefined}
          field={form.register("password")}
          after={{ id: "password-rules", content: <PasswordRules id="password-rules" password={password} identifiers={[userName]} text={text.passwordRules} /> }}
        />
        <FormActions primary={{ label: text.submit, pendingLabel: text.submitting }} />
      </form>
    </>
  );
}
