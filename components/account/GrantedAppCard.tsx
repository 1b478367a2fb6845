import { getFormatter, getTranslations } from "next-intl/server";
import type { GrantedApp } from "@/lib/account/apps";
import { ClientLogo } from "../ClientLogo";
import { ClientName } from "../ClientName";
import { link, secondaryButton } from "../styles";
import { GrantedScopes } from "./GrantedScopes";

/** One app with access: who, what, since when, until when, and the two equal actions. */
export async function GrantedAppCard({ app, headingId }: { app: GrantedApp; headingId: string }) {
  const [t, common, format] = await Promise.all([getTranslations("Apps"), getTranslations("Common"), getFormatter()]);
  const name = app.name.trim() || common("unnamedApp");
  const day = (date: Date) => format.dateTime(date, { dateStyle: "long" });
  const moment = (date: Date) => format.dateTime(date, { dateStyle: "long", timeStyle: "short" });
  let until: string;
  if (!app.endsAt) until = t("untilRevoked");
  else if (app.ended) until = t("ended", { date: moment(app.endsAt) });
  else until = t("until", { date: app.access === "one-time" ? moment(app.endsAt) : day(app.endsAt) });

  return (
    <article aria-labelledby={headingId} className="rounded-brand border-2 border-line/60 p-4 sm:p-5">
      <div className="flex items-center gap-4">
        {app.logoUri && <ClientLogo src={app.logoUri} alt={t("logoAlt", { client: name })} />}
        <h2 id={headingId} className="text-xl font-bold">
          <ClientName name={app.name} fallback={name} />
        </h2>
      </div>

      <div className="mt-4 space-y-1">
        <p>{t("grantedAt", { date: day(app.grantedAt) })}</p>
        <p className="font-semibold">{until}</p>
        <p className="text-ink-muted">
          {app.access === "per-use" && app.perUseUntil
            ? t("perUse", { date: day(app.perUseUntil) })
            : app.access === "continuous"
              ? t("continuous")
              : t("oneTime")}
        </p>
        {app.access !== "per-use" && app.perUseUntil && <p className="text-ink-muted">{t("alsoPerUse", { date: day(app.perUseUntil) })}</p>}
      </div>

      <h3 className="mt-4 mb-2 font-semibold">{t("canAccess")}</h3>
      <GrantedScopes scopes={app.scopes} />

      {/* CONSENT.md §4: "Revoke" is as prominent as "view". */}
      <div className="mt-5 grid gap-3 sm:grid-cols-2">
        <details className="group sm:col-span-2 [&[open]>summary]:mb-3">
          <summary className={`${secondaryButton} cursor-pointer list-none`} aria-label={t("detailsFor", { client: name })}>
            {t("details")}
          </summary>
          <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium">{t("clientId")}</dt>
            <dd className="break-all font-mono text-sm">{app.clientId}</dd>
            {app.audiences.length > 0 && (
              <>
                <dt className="font-medium">{t("audiences")}</dt>
                <dd className="break-all">{app.audiences.join(", ")}</dd>
              </>
            )}
            {app.clientUri && (
              <>
                <dt className="font-medium">{t("website")}</dt>
                <dd className="break-all">
                  <a href={app.clientUri} target="_blank" rel="noopener noreferrer" className={link}>
                    {app.clientUri} <span className="sr-only">{common("opensInNewTab")}</span>
                  </a>
                </dd>
              </>
            )}
            {app.tosUri && (
              <>
                <dt className="font-medium">{t("tos")}</dt>
                <dd className="break-all">
                  <a href={app.tosUri} target="_blank" rel="noopener noreferrer" className={link}>
                    {app.tosUri} <span className="sr-only">{common("opensInNewTab")}</span>
                  </a>
                </dd>
              </>
            )}
            {app.policyUri && (
              <>
                <dt className="font-medium">{t("policy")}</dt>
                <dd className="break-all">
                  <a href={app.policyUri} target="_blank" rel="noopener noreferrer" className={link}>
                    {app.policyUri} <span className="sr-only">{common("opensInNewTab")}</span>
                  </a>
                </dd>
              </>
            )}
          </dl>
        </details>
        <a
          href={`/account/apps/revoke?${new URLSearchParams({ client: app.clientId })}`}
          className={`${secondaryButton} sm:col-span-2`}
          aria-label={t("revokeFor", { client: name })}
        >
          {t("revoke")}
        </a>
      </div>
    </article>
  );
}
