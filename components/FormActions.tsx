import { primaryButton, secondaryButton } from "./styles";
import { DefaultSubmitButton, SubmitButton } from "./SubmitButton";

// Every form's buttons, so that Enter does what the form is for.
//
// Enter in a text field submits a form with its default button: the first submit button in tree
// order, wherever CSS puts it (HTML, "implicit submission"); Chromium does the same for Enter on a
// checkbox. Tobira's forms put the other choice (Cancel, Deny, Stay signed in) before the primary
// one in the markup, so that Tab reaches the buttons in the order people see them; Enter in the
// password field therefore cancelled the sign-in (issue 12). Putting the primary button first in
// the markup and swapping the two back with CSS would make Tab run against what people see
// (WCAG 2.4.3). So the visible buttons keep their order, and a copy of the primary button comes
// first: `hidden` (display: none) keeps it out of the layout, the accessibility tree and the Tab
// order, and it is still the default button, with and without JavaScript (e2e/enter-key.spec.ts).
// components/form-actions.test.ts fails for a form whose first submit button is not the primary.

export interface PrimaryAction {
  label: string;
  pendingLabel?: string;
  /** Posted as name=value with the form (e.g. intent=login), also when Enter submits it. */
  name?: string;
  value?: string;
  className?: string;
}

export type SecondaryAction =
  | (PrimaryAction & { kind: "submit"; formNoValidate?: boolean })
  /** Leaves the form without posting it (e.g. back to the list). */
  | { kind: "link"; label: string; href: string; className?: string };

interface Props {
  primary: PrimaryAction;
  secondary?: SecondaryAction;
  /** "end": side by side at the end of the line, stacked with the primary on top on narrow
   * screens; "pair": two equal columns; "bare": the buttons only, laid out by the form. */
  layout?: "end" | "pair" | "bare";
}

const layouts = {
  end: "flex flex-col-reverse gap-3 sm:flex-row sm:justify-end",
  pair: "grid gap-3 sm:grid-cols-2",
};

export function FormActions({ primary, secondary, layout = "end" }: Props) {
  const buttons = (
    <>
      {secondary?.kind === "submit" && <DefaultSubmitButton name={primary.name} value={primary.value} />}
      {secondary?.kind === "submit" && (
        <SubmitButton
          name={secondary.name}
          value={secondary.value}
          label={secondary.label}
          pendingLabel={secondary.pendingLabel}
          className={secondary.className ?? secondaryButton}
          formNoValidate={secondary.formNoValidate}
        />
      )}
      {secondary?.kind === "link" && (
        <a href={secondary.href} className={secondary.className ?? secondaryButton}>
          {secondary.label}
        </a>
      )}
      <SubmitButton
        name={primary.name}
        value={primary.value}
        label={primary.label}
        pendingLabel={primary.pendingLabel}
        className={primary.className ?? primaryButton}
        primary
      />
    </>
  );
  if (layout === "bare") return buttons;
  return <div className={layout === "pair" && !secondary ? "grid gap-3" : layouts[layout]}>{buttons}</div>;
}
