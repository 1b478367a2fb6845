// Shared class lists, so that equally weighted buttons really look the same.

export const button =
  "inline-flex min-h-11 w-full items-center justify-center rounded-brand px-4 py-2 text-base font-semibold " +
  "transition-colors disabled:cursor-wait disabled:opacity-70 sm:w-auto";

export const primaryButton = `${button} bg-brand text-on-brand hover:bg-brand-strong`;

export const secondaryButton = `${button} border-2 border-brand bg-surface text-brand hover:bg-canvas`;

export const input =
  "block w-full rounded-brand border-2 border-line bg-surface px-3 py-2 text-base text-ink " +
  "aria-invalid:border-danger";

export const link = "font-medium text-brand underline underline-offset-2 hover:text-brand-strong";
