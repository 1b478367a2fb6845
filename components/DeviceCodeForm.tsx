"use client";

import { useActionState } from "react";
import type { DeviceErrorKey, DeviceState } from "@/lib/device/state";
import { inputDirection } from "@/lib/i18n/bidi";
import { ErrorSummary } from "./ErrorSummary";
import { FormActions } from "./FormActions";
import { input } from "./styles";

export interface DeviceCodeFormText {
  code: string;
  codeHint: string;
  submit: string;
  submitting: string;
  errorSummaryTitle: string;
  errors: Record<DeviceErrorKey, string>;
}

interface Props {
  action: (state: DeviceState, formData: FormData) => Promise<DeviceState>;
  challenge: string;
  userCode: string;
  text: DeviceCodeFormText;
}

/** The user code form (RFC 8628 §3.3). A plain HTML form first: it works without JavaScript. */
export function DeviceCodeForm({ action, challenge, userCode, text }: Props) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const error = state.status === "error" ? state : undefined;
  const value = error ? error.userCode : userCode;
  const fieldError = error?.error === "codeRequired" || error?.error === "invalidCode";
  return (
    <form action={formAction} className="space-y-5">
      {error && <ErrorSummary title={text.errorSummaryTitle} message={text.errors[error.error]} fieldId={fieldError ? "user_code" : undefined} />}
      <input type="hidden" name="challenge" value={challenge} />
      <div>
        <label htmlFor="user_code" className="mb-1 block font-medium">
          {text.code}
        </label>
        <p id="user_code-hint" className="mb-2 text-sm text-ink-muted">
          {text.codeHint}
        </p>
        <input
          key={`user_code-${value}`}
          id="user_code"
          name="user_code"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          dir={inputDirection("code")}
          spellCheck={false}
          required
          defaultValue={value}
          aria-invalid={fieldError || undefined}
          aria-describedby={fieldError ? "user_code-hint error-summary-title" : "user_code-hint"}
          className={`${input} font-mono text-xl tracking-widest uppercase`}
        />
      </div>
      <FormActions primary={{ label: text.submit, pendingLabel: text.submitting }} layout="bare" />
    </form>
  );
}
