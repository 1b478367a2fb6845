"use client";

import { useActionState, type ReactNode } from "react";
import type { FlowError } from "@/lib/challenge/problem";
import type { DecisionState } from "@/lib/decision/state";
import { ErrorSummary } from "./ErrorSummary";
import { SubmitButton } from "./SubmitButton";

export interface DecisionChoice {
  value: string;
  label: string;
  className: string;
}

interface Props {
  action: (state: DecisionState, formData: FormData) => Promise<DecisionState>;
  challenge: string;
  /** Submit buttons posting name="decision"; the first listed is the first in reading order. */
  choices: DecisionChoice[];
  pendingLabel: string;
  errorSummaryTitle: string;
  errors: Record<FlowError, string>;
  /** Content of the form above the buttons (e.g. the consent screen's optional scopes). */
  children?: ReactNode;
}

/** A form whose only input is which button was pressed (consent allow/deny, logout/stay). */
export function DecisionForm({ action, challenge, choices, pendingLabel, errorSummaryTitle, errors, children }: Props) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction}>
      {state.status === "error" && <ErrorSummary title={errorSummaryTitle} message={errors[state.error]} />}
      <input type="hidden" name="challenge" value={challenge} />
      {children}
      <div className={choices.length > 1 ? "grid gap-3 sm:grid-cols-2" : "grid gap-3"}>
        {choices.map((choice) => (
          <SubmitButton
            key={choice.value}
            name="decision"
            value={choice.value}
            label={choice.label}
            pendingLabel={pendingLabel}
            className={choice.className}
          />
        ))}
      </div>
    </form>
  );
}
