"use client";

import { useActionState } from "react";
import type { SecurityState } from "@/lib/account/security/state";
import { inputDirection } from "@/lib/i18n/bidi";
import { FormActions } from "./FormActions";
import { input, secondaryButton } from "./styles";

type Action = (state: SecurityState, formData: FormData) => Promise<SecurityState>;

interface Props {
  kind: "totp" | "passkey";
  id: string;
  name: string;
  details: string[];
  rename: Action;
  remove: Action;
  text: {
    renameLabel: string;
    save: string;
    removeNamed: string;
    errors: Record<string, string>;
    lastFactor: { title: string; operator: string; apps: string; hint: string };
  };
}

/** One authenticator app or passkey: its name (renamable), when it was added and used, remove. */
export function FactorItem({ kind, id, name, details, rename, remove, text }: Props) {
  const [renamed, renameAction] = useActionState(rename, { status: "idle" });
  const [removed, removeAction] = useActionState(remove, { status: "idle" });
  const inputId = `name-${kind}-${id}`;
  const problem = [renamed, removed].find((state) => state.status === "error");
  return (
    <li className="space-y-3 rounded-brand border-2 border-line/40 p-4">
      <p className="font-semibold">
        <bdi>{name}</bdi>
      </p>
      {details.map((detail) => (
        <p key={detail} className="text-sm text-ink-muted">
          {detail}
        </p>
      ))}
      {problem?.status === "error" && (
        <p role="alert" className="text-danger">
          {text.errors[problem.error] ?? text.errors.internal}
        </p>
      )}
      {removed.status === "refused" && (
        <div role="alert" className="rounded-brand border-2 border-warning bg-warning-soft p-3">
          <p className="font-semibold">{text.lastFactor.title}</p>
          {removed.operator && <p>{text.lastFactor.operator}</p>}
          {removed.apps.length > 0 && <AppsSentence template={text.lastFactor.apps} apps={removed.apps} />}
          <p>{text.lastFactor.hint}</p>
        </div>
      )}
      <form action={renameAction} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        <div className="flex-1">
          <label htmlFor={inputId} className="mb-1 block text-sm font-medium">
            {text.renameLabel}
          </label>
          <input id={inputId} name="name" type="text" dir={inputDirection("text")} maxLength={64} required defaultValue={name} className={input} />
        </div>
        <FormActions primary={{ label: text.save, className: secondaryButton }} layout="bare" />
      </form>
      <form action={removeAction}>
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        <FormActions primary={{ label: text.removeNamed, className: secondaryButton }} layout="bare" />
      </form>
    </li>
  );
}

/** The translated sentence with each app's self-asserted name isolated in <bdi> (CONSENT.md §1.1). */
function AppsSentence({ template, apps }: { template: string; apps: string[] }) {
  const [before = "", after = ""] = template.split("{apps}");
  return (
    <p>
      {before}
      {apps.map((app, index) => (
        <span key={app}>
          {index > 0 && ", "}
          <bdi>{app}</bdi>
        </span>
      ))}
      {after}
    </p>
  );
}
