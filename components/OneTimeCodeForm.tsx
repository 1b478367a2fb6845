"use client";

import { useActionState } from "react";
import { inputDirection } from "@/lib/i18n/bidi";
import { ErrorSummary } from "./ErrorSummary";
import { HiddenFields } from "./HiddenFields";
import { FormActions } from "./FormActions";
import { input } from "./styles";

export type CodeFormState =
  | { status: "idle" }
  | { status: "error"; error: string }
  | { status: "enrolled"; codes: string[] }
  /** Other outcomes these forms do not show (e.g. a refused removal). */
  | { status: "refused" };

interface Props<S extends CodeFormState> {
  action: (state: S, formData: FormData) => Promise<S>;
  initialState: S;
  /** Hidden fields posted with the code (challenge, method). */
  hidden: Record<string, string>;
  /** "totp": digits (from an app, or a mail); "recovery": a recovery code (letters and digits). */
  kind: "totp" | "recovery";
  /** What the second button posts as `intent` (default "cancel"), e.g. "resend". */
  secondaryIntent?: string;
  text: {
    label: string;
    hint: string;
    submit: string;
    submitting: string;
    cancel?: string;
    errorSummaryTitle: string;
    errors: Record<string, string>;
  };
}

/** The one-time code form (DESIGN.md: `code`, autocomplete one-time-code, inputmode numeric).
 * A pasted code with spaces or dashes is accepted as is; the server strips them. */
export function OneTimeCodeForm<S extends CodeFormState>({ action, initialState, hidden, kind, secondaryIntent = "cancel", text }: Props<S>) {
  const [state, formAction] = useActionState<S, FormData>(action, initialState as Awaited<S>);
  const error = state.status === "error" ? (text.errors[state.error] ?? text.errors.internal) : undefined;
  return (
    <form action={formAction} className="space-y-5">
      {error && <ErrorSummary title={text.errorSummaryTitle} message={error} fieldId="code" />}
      <HiddenFields values={hidden} />
      <div>
        <label htmlFor="code" className="mb-1 block font-medium">
          {text.label}
        </label>
        <p id="code-hint" className="mb-2 text-sm text-ink-muted">
          {text.hint}
        </p>
        <input
          id="code"
          name="code"
          type="text"
          autoComplete={kind === "totp" ? "one-time-code" : "off"}
          inputMode={kind === "totp" ? "numeric" : "text"}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          dir={inputDirection("code")}
          required
          aria-describedby="code-hint"
          aria-invalid={error ? true : undefined}
          className={`${input} font-mono tracking-widest`}
        />
      </div>
      <FormActions
        primary={{ name: "intent", value: "verify", label: text.submit, pendingLabel: text.submitting }}
        secondary={text.cancel ? { kind: "submit", name: "intent", value: secondaryIntent, label: text.cancel, formNoValidate: true } : undefined}
      />
    </form>
  );
}
