"use client";

import { useActionState } from "react";
import type { ResetErrorKey, ResetState } from "@/lib/recover/state";
import { ErrorSummary } from "./ErrorSummary";
import { OutcomePanel } from "./OutcomePanel";
import { FormActions } from "./FormActions";
import { TextField } from "./TextField";

export interface ResetPasswordText {
  title: string;
  body: string;
  password: string;
  passwordHint: string;
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

export function ResetPasswordForm({ action, initialState, token, userName, text }: Props) {
  const [state, formAction] = useActionState(action, initialState);
  if (state.status === "done") {
    return <OutcomePanel title={text.doneTitle} body={text.doneBody} />;
  }
  const error = state.status === "error" ? state : undefined;
  const passwordError = error?.error.startsWith("password.") ?? false;
  return (
    <>
      <h1 className="text-2xl font-bold">{text.title}</h1>
      <p className="mt-1 mb-6">{text.body}</p>
      <form action={formAction} className="space-y-5">
        {error && <ErrorSummary title={text.errorSummaryTitle} message={text.errors[error.error]} fieldId={passwordError ? "password" : undefined} />}
        <input type="hidden" name="token" value={token} />
        <input type="text" name="username" autoComplete="username" value={userName} readOnly hidden />
        <TextField id="password" label={text.password} type="password" autoComplete="new-password" hint={text.passwordHint} invalid={passwordError} />
        <FormActions primary={{ label: text.submit, pendingLabel: text.submitting }} />
      </form>
    </>
  );
}
