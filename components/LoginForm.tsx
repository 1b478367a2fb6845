"use client";

import { useActionState } from "react";
import { inputDirection } from "@/lib/i18n/bidi";
import type { LoginErrorKey, LoginState } from "@/lib/login/state";
import { ErrorSummary } from "./ErrorSummary";
import { FormActions } from "./FormActions";
import { input } from "./styles";
import { TextField } from "./TextField";

export interface LoginFormText {
  identifier: string;
  password: string;
  remember: string;
  submit: string;
  submitting: string;
  cancel: string;
  errorSummaryTitle: string;
  /** "throttled" contains {time}: when the next attempt is allowed. */
  errors: Record<LoginErrorKey, string>;
}

interface Props {
  action: (state: LoginState, formData: FormData) => Promise<LoginState>;
  initialState: LoginState;
  challenge: string;
  loginHint: string;
  locale: string;
  timeZone: string;
  text: LoginFormText;
}

/** The password form. A plain HTML form first: it works without JavaScript (the server action
 * answers with the re-rendered page or the redirect); with it, errors appear without a reload. */
export function LoginForm({ action, initialState, challenge, loginHint, locale, timeZone, text }: Props) {
  const [state, formAction] = useActionState(action, initialState);
  const error = state.status === "error" ? state : undefined;
  const identifier = error ? error.identifier : loginHint;
  const message = error ? messageFor(error, text, locale, timeZone) : "";
  const invalid = (field: "identifier" | "password") => error !== undefined && (error.field === field || error.error === "invalidCredentials");

  return (
    <form action={formAction} className="space-y-5">
      {error && <ErrorSummary title={text.errorSummaryTitle} message={message} fieldId={error.field} />}
      <input type="hidden" name="challenge" value={challenge} />

      <div>
        <label htmlFor="identifier" className="mb-1 block font-medium">
          {text.identifier}
        </label>
        <input
          key={`identifier-${identifier}`}
          id="identifier"
          name="identifier"
          type="text"
          autoComplete="username"
          dir={inputDirection("text")}
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={identifier}
          aria-invalid={invalid("identifier") || undefined}
          aria-describedby={error?.field === "identifier" ? "error-summary-title" : undefined}
          className={input}
        />
      </div>

      <TextField id="password" label={text.password} type="password" autoComplete="current-password" invalid={invalid("password")} />

      <div className="flex items-center gap-2">
        <input
          key={`remember-${String(error?.remember ?? false)}`}
          id="remember"
          name="remember"
          type="checkbox"
          defaultChecked={error?.remember ?? false}
          className="size-5 accent-brand"
        />
        <label htmlFor="remember">{text.remember}</label>
      </div>

      <FormActions
        primary={{ name: "intent", value: "login", label: text.submit, pendingLabel: text.submitting }}
        secondary={{ kind: "submit", name: "intent", value: "cancel", label: text.cancel, formNoValidate: true }}
      />
    </form>
  );
}

function messageFor(error: Extract<LoginState, { status: "error" }>, text: LoginFormText, locale: string, timeZone: string): string {
  const template = text.errors[error.error];
  if (error.error !== "throttled" || !error.retryAt) return template;
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "medium", timeZone }).format(new Date(error.retryAt));
  return template.replace("{time}", time);
}
