import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { inputDirection } from "@/lib/i18n/bidi";
import { input } from "./styles";

interface Props {
  id: string;
  label: string;
  type?: "text" | "email" | "password" | "tel" | "date";
  autoComplete: string;
  defaultValue?: string;
  /** Marks the field invalid and ties it to the form's error summary (forms without `error`). */
  invalid?: boolean;
  /** This field's own error message, shown above it and tied to it with aria-describedby. */
  error?: string;
  /** Shown under the label and linked with aria-describedby. */
  hint?: string;
  required?: boolean;
  inputMode?: "email" | "tel" | "text";
  /** The field's wiring in a form that checks itself in the browser (react-hook-form's
   * register(); components/useCheckedSubmit.ts). */
  field?: UseFormRegisterReturn;
  /** Shown under the input (e.g. the password rules), also linked with aria-describedby. */
  after?: { id: string; content: ReactNode };
}

/** A labelled input; its hint and its error are tied to it for screen readers. Paste and
 * password managers are never blocked (NIST SP 800-63B §5.1.1.2). */
export function TextField({ id, label, type = "text", autoComplete, defaultValue, invalid, error, hint, required = true, inputMode, field, after }: Props) {
  const errorId = error ? `${id}-error` : invalid ? "error-summary-title" : undefined;
  const described = [hint ? `${id}-hint` : undefined, after?.id, errorId].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="mb-1 block font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="mb-1 text-sm text-ink-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mb-1 font-semibold text-danger">
          {error}
        </p>
      )}
      <input
        key={`${id}-${defaultValue ?? ""}`}
        id={id}
        name={id}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        dir={inputDirection(type)}
        autoCapitalize={type === "email" || type === "password" ? "none" : undefined}
        spellCheck={type === "email" || type === "password" ? false : undefined}
        required={required}
        defaultValue={type === "password" ? undefined : defaultValue}
        aria-invalid={invalid || Boolean(error) || undefined}
        aria-describedby={described || undefined}
        className={input}
        {...field}
      />
      {after?.content}
    </div>
  );
}
