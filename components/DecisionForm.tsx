"use client";

import { useActionState, type ReactNode } from "react";
import type { FlowError } from "@/lib/challenge/problem";
import type { DecisionState } from "@/lib/challenge/decision";
import { ErrorSummary } from "./ErrorSummary";
import { FormActions } from "./FormActions";

export interface DecisionChoice {
  value: string;
  label: string;
  className: string;
}

interface Props {
  action: (state: DecisionState, formData: FormData) => Promise<DecisionState>;
  challenge: string;
  /** Posts name="decision": what the form is for (allow, sign out), and what Enter does. */
  primary: DecisionChoice;
  /** The other choice (deny, stay signed in), first in reading order. */
  secondary?: DecisionChoice;
  pendingLabel: string;
  errorSummaryTitle: string;
  errors: Record<FlowError, string>;
  /** Content of the form above the buttons (e.g. the consent screen's optional scopes). */
  children?: ReactNode;
}

/** A form whose only input is which button was pressed (consent allow/deny, logout/stay). */
export function DecisionForm({ action, challenge, primary, secondary, pendingLabel, errorSummaryTitle, errors, children }: Props) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const choice = (of: DecisionChoice) => ({ name: "decision", value: of.value, label: of.label, pendingLabel, className: of.className });
  return (
    <form action={formAction}>
      {state.status === "error" && <ErrorSummary title={errorSummaryTitle} message={errors[state.error]} />}
      <input type="hidden" name="challenge" value={challenge} />
      {children}
      <FormActions primary={choice(primary)} secondary={secondary && { kind: "submit", ...choice(secondary) }} layout="pair" />
    </form>
  );
}
