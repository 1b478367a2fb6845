"use client";

import { useActionState, type ReactNode } from "react";
import { inputDirection } from "@/lib/i18n/bidi";
import type { CodeFormState } from "./OneTimeCodeForm";
import { ErrorSummary } from "./ErrorSummary";
import { HiddenFields } from "./HiddenFields";
import { RecoveryCodesPanel } from "./RecoveryCodesPanel";
import { FormActions } from "./FormActions";
import { input } from "./styles";

interface Props<S extends CodeFormState> {
  action: (state: S, formData: FormData) => Promise<S>;
  initialState: S;
  hidden: Record<string, string>;
  /** Absent once the factor was added: only the codes (if just made here) remain to show. */
  enrolment?: { keyText: string; qrDataUrl: string; token: string };
  /** Ask for a name for the new app (on the security page; sign-in uses a default). */
  nameDefault?: string;
  text: {
    scan: string;
    qrAlt: string;
    key: string;
    name: string;
    code: string;
    submit: string;
    submitting: string;
    errorSummaryTitle: string;
    errors: Record<string, string>;
  };
  recoveryText: Parameters<typeof RecoveryCodesPanel>[0]["text"];
  /** What follows the recovery codes (e.g. back to the security page). */
  after?: ReactNode;
}

/** Adding an authenticator app: QR code and key, confirmed by a first code. */
export function TotpEnrolmentForm<S extends CodeFormState>({ action, initialState, hidden, enrolment, nameDefault, text, recoveryText, after }: Props<S>) {
  const [state, formAction] = useActionState<S, FormData>(action, initialState as Awaited<S>);
  if (state.status === "enrolled") {
    return (
      <div className="space-y-6">
        {state.codes.length > 0 && <RecoveryCodesPanel codes={state.codes} text={recoveryText} />}
        {after}
      </div>
    );
  }
  if (!enrolment) return null;
  const error = state.status === "error" ? (text.errors[state.error] ?? text.errors.internal) : undefined;
  return (
    <form action={formAction} className="space-y-5">
      {error && <ErrorSummary title={text.errorSummaryTitle} message={error} fieldId="code" />}
      <HiddenFields values={hidden} />
      <input type="hidden" name="enrolment" value={enrolment.token} />
      <p>{text.scan}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL rendered on the server, nothing to optimise */}
      <img src={enrolment.qrDataUrl} alt={text.qrAlt} width={200} height={200} className="mx-auto rounded-brand bg-white" />
      <div>
        <p>{text.key}</p>
        <p dir="ltr" className="mt-1 break-all rounded-brand bg-canvas p-3 font-mono text-lg">
          <code data-testid="totp-key">{enrolment.keyText}</code>
        </p>
      </div>
      {nameDefault !== undefined && (
        <div>
          <label htmlFor="name" className="mb-1 block font-medium">
            {text.name}
          </label>
          <input id="name" name="name" type="text" dir={inputDirection("text")} maxLength={64} defaultValue={nameDefault} required className={input} />
        </div>
      )}
      <div>
        <label htmlFor="code" className="mb-1 block font-medium">
          {text.code}
        </label>
        <input
          id="code"
          name="code"
          type="text"
          autoComplete="one-time-code"
          inputMode="numeric"
          dir={inputDirection("code")}
          maxLength={64}
          required
          aria-invalid={error ? true : undefined}
          className={`${input} font-mono tracking-widest`}
        />
      </div>
      <FormActions primary={{ label: text.submit, pendingLabel: text.submitting }} />
    </form>
  );
}
