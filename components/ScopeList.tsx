import { getTranslations } from "next-intl/server";
import type { ScopeItem } from "@/lib/consent/scopes";

/** The requested permissions in plain language; an unknown scope keeps its raw name, flagged. */
export async function ScopeList({ scopes }: { scopes: ScopeItem[] }) {
  const t = await getTranslations();
  return (
    <ul className="space-y-2">
      {scopes.map((item) =>
        item.known ? (
          <li key={item.scope} className="flex gap-2">
            <span aria-hidden="true" className="text-brand">
              ✓
            </span>
            <span>{t(`Scopes.${item.key}.title`)}</span>
          </li>
        ) : (
          <li key={item.scope} className="rounded-brand border-2 border-warning bg-warning-soft p-3">
            <p className="font-semibold text-warning">
              {t("Consent.unrecognised")} <code className="ms-1 font-mono text-ink">{item.scope}</code>
            </p>
            <p className="mt-1 text-sm">{t("Consent.unrecognisedHelp")}</p>
          </li>
        ),
      )}
    </ul>
  );
}
