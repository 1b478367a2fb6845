"use client";

import { useFormStatus } from "react-dom";

interface Props {
  label: string;
  pendingLabel?: string;
  name?: string;
  value?: string;
  className: string;
  formNoValidate?: boolean;
}

/** A submit button that shows progress while its form's action runs (only with JavaScript;
 * without it, the form posts normally). */
export function SubmitButton({ label, pendingLabel, name, value, className, formNoValidate }: Props) {
  const { pending, data } = useFormStatus();
  const mine = pending && (name === undefined || data?.get(name) === value);
  return (
    <button type="submit" name={name} value={value} className={className} disabled={pending} formNoValidate={formNoValidate}>
      {mine && pendingLabel ? pendingLabel : label}
    </button>
  );
}
