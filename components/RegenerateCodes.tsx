"use client";

import { useActionState } from "react";
import type { SecurityState } from "@/lib/account/security/state";
import { RecoveryCodesPanel } from "./RecoveryCodesPanel";
import { FormActions } from "./FormActions";
import { secondaryButton } from "./styles";

interface Props {
  action: (state: SecurityState) => Promise<SecurityState>;
  text: { regenerate: string; hint: string; done: string; errors: Record<string, string> };
  recoveryText: Parameters<typeof RecoveryCodesPanel>[0]["text"];
}

/** Makes a new set of recovery codes (the old set stops working) and shows it once. */
export function RegenerateCodes({ action, text, recoveryText }: Props) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  if (state.status === "enrolled") {
    return (
      <div className="space-y-4">
        <p role="status">{text.done}</p>
        <RecoveryCodesPanel codes={state.codes} text={recoveryText} />
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <p className="text-sm text-ink-muted">{text.hint}</p>
      {state.status === "error" && (
        <p role="alert" className="text-danger">
          {text.errors[state.error] ?? text.errors.internal}
        </p>
      )}
      <FormActions primary={{ label: text.regenerate, className: secondaryButton }} layout="bare" />
    </form>
  );
}
