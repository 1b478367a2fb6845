import { inputDirection } from "@/lib/i18n/bidi";
import { input } from "./styles";

interface Props {
  id: string;
  label: string;
  type?: "text" | "email" | "password" | "tel" | "date";
  autoComplete: string;
  defaultValue?: string;
  invalid?: boolean;
  /** Shown under the label and linked with aria-describedby. */
  hint?: string;
  required?: boolean;
  inputMode?: "email" | "tel" | "text";
}

/** A labelled input; its hint and the error summary are tied to it for screen readers. Paste and
 * password managers are never blocked (NIST SP 800-63B §5.1.1.2). */
export function TextField({ id, label, type = "text", autoComplete, defaultValue, invalid, hint, required = true, inputMode }: Props) {
  const described = [hint ? `${id}-hint` : undefined, invalid ? "error-summary-title" : undefined].filter(Boolean).join(" ");
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
        aria-invalid={invalid || undefined}
        aria-describedby={described || undefined}
        className={input}
      />
    </div>
  );
}
