"use client";

import { useActionState } from "react";
import { isolate } from "@/lib/i18n/bidi";
import type { RecoverErrorKey, RecoverState } from "@/lib/recover/state";
import { ErrorSummary } from "./ErrorSummary";
import { OutcomePanel } from "./OutcomePanel";
import { FormActions } from "./FormActions";
import { TextField } from "./TextField";

export interface RecoverFormText {
  title: string;
  intro: string;
  email: string;
  submit: string;
  submitting: string;
  sentTitle: string;
  /** Contains {email}, filled in here with the address isolated (lib/i18n/bidi.ts). */
  sentBody: string;
  errorSummaryTitle: string;
  errors: Record<RecoverErrorKey, string>;
}

interface Props {
  action: (state: RecoverState, formData: FormData) => Promise<RecoverState>;
  initialState: RecoverState;
  challenge?: string;
  text: RecoverFormText;
}

export function RecoverForm({ action, initialState, challenge, text }: Props) {
  const [state, formAction] = useActionState(action, initialState);
  if (state.status === "sent") {
    return <OutcomePanel title={text.sentTitle} body={text.sentBody.replace("{email}", () => isolate(state.email))} />;
  }
  const error = state.status === "error" ? state : undefined;
  return (
    <>
      <h1 className="text-2xl font-bold">{text.title}</h1>
      <p className="mt-1 mb-6 text-ink-muted">{text.intro}</p>
      <form action={formAction} className="space-y-5">
        {error && <ErrorSummary title={text.errorSummaryTitle} message={text.errors[error.error]} fieldId={error.error === "internal" ? undefined : "email"} />}
        {challenge && <input type="hidden" name="challenge" value={challenge} />}
        <TextField id="email" label={text.email} type="email" inputMode="email" autoComplete="email" defaultValue={error?.email} invalid={error !== undefined && error.error !== "internal"} />
        <FormActions primary={{ label: text.submit, pendingLabel: text.submitting }} />
      </form>
    </>
  );
}
