"use client";

import { useActionState } from "react";
import type { SecurityState } from "@/lib/account/security/state";
import { ErrorSummary } from "./ErrorSummary";
import { FormActions } from "./FormActions";
import { TextField } from "./TextField";

interface Props {
  action: (state: SecurityState, formData: FormData) => Promise<SecurityState>;
  /** The signed-in person's user name, for password managers (not editable). */
  userName: string;
  text: { password: string; submit: string; submitting: string; errorSummaryTitle: string; errors: Record<string, string> };
}

/** The password again, to confirm it's you before changing how you sign in. */
export function ConfirmPasswordForm({ action, userName, text }: Props) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const error = state.status === "error" ? state.error : undefined;
  return (
    <form action={formAction} className="space-y-5">
      {error && <ErrorSummary title={text.errorSummaryTitle} message={text.errors[error] ?? ""} fieldId="password" />}
      <input type="text" name="username" autoComplete="username" value={userName} readOnly hidden />
      <TextField id="password" label={text.password} type="password" autoComplete="current-password" invalid={Boolean(error)} />
      <FormActions primary={{ label: text.submit, pendingLabel: text.submitting }} />
    </form>
  );
}
