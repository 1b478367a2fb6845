"use client";

import { useActionState } from "react";
import type { VerifyErrorKey, VerifyState } from "@/lib/register/state";
import { ErrorSummary } from "./ErrorSummary";
import { OutcomePanel } from "./OutcomePanel";
import { FormActions } from "./FormActions";

export interface ConfirmLinkText {
  title: string;
  body: string;
  submit: string;
  submitting: string;
  doneTitle: string;
  doneBody: string;
  errorSummaryTitle: string;
  errors: Record<VerifyErrorKey, string>;
}

interface Props {
  action: (state: VerifyState, formData: FormData) => Promise<VerifyState>;
  initialState: VerifyState;
  token: string;
  text: ConfirmLinkText;
}

/** One button that uses an emailed link (a GET only shows it, so prefetching does not use it). */
export function ConfirmLinkForm({ action, initialState, token, text }: Props) {
  const [state, formAction] = useActionState(action, initialState);
  if (state.status === "done") {
    return <OutcomePanel title={text.doneTitle} body={text.doneBody} />;
  }
  return (
    <>
      <h1 className="text-2xl font-bold">{text.title}</h1>
      <p className="mt-1 mb-6">{text.body}</p>
      <form action={formAction} className="space-y-5">
        {state.status === "error" && <ErrorSummary title={text.errorSummaryTitle} message={text.errors[state.error]} />}
        <input type="hidden" name="token" value={token} />
        <FormActions primary={{ label: text.submit, pendingLabel: text.submitting }} />
      </form>
    </>
  );
}
