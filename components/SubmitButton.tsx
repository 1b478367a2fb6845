"use client";

import { useFormStatus } from "react-dom";

interface Props {
  label: string;
  pendingLabel?: string;
  name?: string;
  value?: string;
  className: string;
  formNoValidate?: boolean;
  /** The form's primary action (set by FormActions, checked by components/form-actions.test.ts). */
  primary?: boolean;
}

/** A submit button that shows progress while its form's action runs (only with JavaScript;
 * without it, the form posts normally). */
export function SubmitButton({ label, pendingLabel, name, value, className, formNoValidate, primary }: Props) {
  const { pending, data } = useFormStatus();
  const mine = pending && (name === undefined || data?.get(name) === value);
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className={className}
      disabled={pending}
      formNoValidate={formNoValidate}
      data-primary={primary ? "" : undefined}
    >
      {mine && pendingLabel ? pendingLabel : label}
    </button>
  );
}

/** The form's default button: a copy of the primary one, first in the form, that only Enter
 * (implicit submission) uses. Why it exists and why it is hidden this way: FormActions.tsx. It is
 * disabled while the form's action runs, like the visible buttons, so a second Enter does not
 * post again. */
export function DefaultSubmitButton({ name, value }: { name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return <button type="submit" name={name} value={value} hidden tabIndex={-1} aria-hidden="true" disabled={pending} data-primary="" />;
}
