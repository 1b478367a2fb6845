import { getMessages, getTranslations } from "next-intl/server";
import type { MarkedScope } from "@/lib/consent";
import { scopeTexts } from "@/lib/scopes/describe";

/**
 * Requested permissions in plain language: title, what kind of access, what changed, and an
 * expandable list of the data items. An unknown scope (or one without texts) keeps its raw name,
 * flagged. With `selectable`, each is an unticked checkbox posting name="scope".
 */
export async function ScopeList({ scopes, selectable = false }: { scopes: MarkedScope[]; selectable?: boolean }) {
  const [t, messages] = await Promise.all([getTranslations("Consent"), getMessages()]);
  return (
    <ul className="space-y-3">
      {scopes.map((item) => {
        const texts = item.known ? scopeTexts(messages.Scopes, item.scope, item.entry) : undefined;
        const id = `scope-${item.scope.replace(/[^A-Za-z0-9_-]/g, "_")}`;
        const mark = item.mark && (
          <span className={`ms-2 rounded-brand px-1.5 py-0.5 text-xs font-semibold ${item.mark === "new" ? "bg-brand text-on-brand" : "bg-canvas text-ink"}`}>
            {t(`marks.${item.mark}`)}
          </span>
        );
        const title = texts ? (
          <span className="font-semibold">{texts.title}</span>
        ) : (
          <span className="font-semibold text-warning">
            {t("unrecognised")} <code className="ms-1 font-mono text-ink">{item.scope}</code>
          </span>
        );
        return (
          <li
            key={item.scope}
            className={texts ? "rounded-brand p-3 ring-1 ring-line/60" : "rounded-brand border-2 border-warning bg-warning-soft p-3"}
          >
            <div className="flex items-start gap-2">
              {selectable ? (
                <input id={id} type="checkbox" name="scope" value={item.scope} className="mt-1 size-5 shrink-0" aria-describedby={`${id}-help`} />
              ) : (
                <span aria-hidden="true" className="text-brand">
                  ✓
                </span>
              )}
              <div>
                {selectable ? <label htmlFor={id}>{title}</label> : title}
                {mark}
                {item.known && texts && (
                  <span className="ms-2 rounded-brand px-1.5 text-sm text-ink-muted ring-1 ring-line">{t(`risk.${item.entry.risk}`)}</span>
                )}
                <p id={`${id}-help`} className="mt-1 text-sm">
                  {texts ? texts.description : t("unrecognisedHelp")}
                </p>
                {texts && texts.items.length > 0 && (
                  <details className="mt-1 text-sm">
                    <summary className="cursor-pointer font-medium text-brand">{t("itemsSummary")}</summary>
                    <ul className="mt-1 list-disc ps-6">
                      {texts.items.map((text) => (
                        <li key={text}>{text}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
