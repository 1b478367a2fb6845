"use client";

import { useActionState } from "react";
import type { CodeFormState } from "./OneTimeCodeForm";
import { ErrorSummary } from "./ErrorSummary";
import { HiddenFields } from "./HiddenFields";
import { FormActions } from "./FormActions";

interface Props<S extends CodeFormState> {
  action: (state: S, formData: FormData) => Promise<S>;
  initialState: S;
  hidden: Record<string, string>;
  label: string;
  pendingLabel?: string;
  className?: string;
  errorSummaryTitle: string;
  errors: Record<string, string>;
}

/** A form that is only a button (and hidden fields), reporting its action's error. */
export function ActionForm<S extends CodeFormState>({ action, initialState, hidden, label, pendingLabel, className, errorSummaryTitle, errors }: Props<S>) {
  const [state, formAction] = useActionState<S, FormData>(action, initialState as Awaited<S>);
  const error = state.status === "error" ? (errors[state.error] ?? errors.internal) : undefined;
  return (
    <form action={formAction}>
      {error && <ErrorSummary title={errorSummaryTitle} message={error} />}
      <HiddenFields values={hidden} />
      <FormActions primary={{ label, pendingLabel, className }} layout="bare" />
    </form>
  );
}
