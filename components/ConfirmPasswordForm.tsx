"use client";

import { useActionState } from "react";
import type { SecurityState } from "@/lib/account-security/state";
import { ErrorSummary } from "./ErrorSummary";
import { SubmitButton } from "./SubmitButton";
import { input, primaryButton } from "./styles";

interface Props {
  action: (state: SecurityState, formData: FormData) => Promise<SecurityState>;
  text: { identifier: string; password: string; submit: string; submitting: string; errorSummaryTitle: string; errors: Record<string, string> };
}

/** Username and password, to confirm it's you before changing how you sign in. */
export function ConfirmPasswordForm({ action, text }: Props) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const error = state.status === "error" ? state.error : undefined;
  const field = error === "identifierRequired" ? "identifier" : error === "passwordRequired" ? "password" : undefined;
  return (
    <form action={formAction} className="space-y-5">
      {error && <ErrorSummary title={text.errorSummaryTitle} message={text.errors[error] ?? ""} fieldId={field} />}
      <div>
        <label htmlFor="identifier" className="mb-1 block font-medium">
          {text.identifier}
        </label>
        <input id="identifier" name="identifier" type="text" autoComplete="username" autoCapitalize="none" spellCheck={false} required className={input} />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block font-medium">
          {text.password}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={input} />
      </div>
      <div className="flex justify-end">
        <SubmitButton label={text.submit} pendingLabel={text.submitting} className={primaryButton} />
      </div>
    </form>
  );
}
