import { useState } from "react";
import { passwordRules, type PasswordRule } from "@/lib/identity/password-rules";

export interface PasswordRulesText {
  title: string;
  length: string;
  /** "Not your email address" or "Not your username", whichever the form knows. */
  notIdentifier: string;
  /** Checked by the server only (the list stays there): never ticked here. */
  notCommon: string;
  /** After a rule, for screen readers: "(met)", "(not met)". */
  met: string;
  notMet: string;
  /** Announced when a rule changes; contain {rule}. */
  nowMet: string;
  noLongerMet: string;
}

interface Props {
  /** The list's id, for the password field's aria-describedby. */
  id: string;
  password: string;
  identifiers: readonly (string | undefined)[];
  text: PasswordRulesText;
}

const RULES: readonly PasswordRule[] = ["length", "notIdentifier"];

/** What a rule counts as before anything is typed: the length is not met yet, and an empty
 * password is not anyone's name. Only a change from that is announced. */
const BEFORE_TYPING: Record<PasswordRule, boolean> = { length: false, notIdentifier: true };

/** The password's rules under the field, each ticked as it is met while the person types. The
 * list itself is not a live region (it would speak at every key); a separate polite one says
 * only that a rule became met or stopped being met. Without JavaScript it is the plain list. */
export function PasswordRules({ id, password, identifiers, text }: Props) {
  const rules = passwordRules(password, identifiers);
  const [shown, setShown] = useState(rules);
  const [announcement, setAnnouncement] = useState("");
  if (RULES.some((rule) => shown[rule] !== rules[rule])) {
    // Derived while rendering, not in an effect (https://react.dev/learn/you-might-not-need-an-effect).
    const changed = RULES.filter((rule) => (shown[rule] ?? BEFORE_TYPING[rule]) !== (rules[rule] ?? BEFORE_TYPING[rule]));
    setShown(rules);
    if (changed.length > 0) {
      setAnnouncement(changed.map((rule) => ((rules[rule] ?? BEFORE_TYPING[rule]) ? text.nowMet : text.noLongerMet).replace("{rule}", text[rule])).join(" "));
    }
  }
  const item = (key: string, label: string, met: boolean | undefined) => (
    <li key={key} className={`flex items-start gap-2 ${met ? "text-ink" : "text-ink-muted"}`} data-met={met === undefined ? undefined : String(met)}>
      {met ? (
        <span aria-hidden="true" className="w-3 shrink-0 font-bold text-brand">
          ✓
        </span>
      ) : (
        <span aria-hidden="true" className="mt-1.5 size-3 shrink-0 rounded-full border-2 border-line" />
      )}
      <span>
        {label}
        {met !== undefined && <span className="sr-only">{met ? text.met : text.notMet}</span>}
      </span>
    </li>
  );
  return (
    <>
      <div id={id} className="mt-2 text-sm">
        {/* Not the list's label: a label with "password" in it would also name the list for
            getByLabel and for voice control, next to the field of that name. */}
        <p className="font-medium text-ink-muted">{text.title}</p>
        <ul className="mt-1 space-y-1">
          {item("length", text.length, rules.length)}
          {item("notIdentifier", text.notIdentifier, rules.notIdentifier)}
          {item("notCommon", text.notCommon, undefined)}
        </ul>
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </>
  );
}
