import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ClientLogo } from "@/components/ClientLogo";
import { ClientName } from "@/components/ClientName";
import { DecisionForm } from "@/components/DecisionForm";
import { ProblemView } from "@/components/ProblemView";
import { ScopeList } from "@/components/ScopeList";
import { link, primaryButton } from "@/components/styles";
import { parseChallenge } from "@/lib/challenge/params";
import { consentAction } from "@/lib/consent/actions";
import { beginConsent } from "@/lib/consent";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Consent");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConsentPage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = parseChallenge((await searchParams).consent_challenge);
  if (!parsed.ok) return <ProblemView reason={parsed.reason} />;

  const step = await beginConsent(parsed.challenge);
  if (step.kind === "redirect") redirect(step.to);
  if (step.kind === "problem") {
    return <ProblemView reason={step.reason} retryHref={`/consent?${new URLSearchParams({ consent_challenge: parsed.challenge })}`} />;
  }

  const [t, common] = await Promise.all([getTranslations("Consent"), getTranslations("Common")]);
  const { client, scopes } = step.view;
  const clientName = client.name.trim() || common("unnamedApp");
  return (
    <Card>
      {client.logoUri && (
        <div className="mb-4">
          <ClientLogo src={client.logoUri} alt={t("logoAlt", { client: clientName })} />
        </div>
      )}
      <h1 className="text-2xl font-bold">
        {t.rich("title", { client: clientName, app: () => <ClientName name={clientName} fallback={clientName} /> })}
      </h1>

      <h2 className="mt-6 mb-3 font-semibold">{t("requested")}</h2>
      <ScopeList scopes={scopes} />

      <p className="mt-6 text-ink-muted">{t("noPassword")}</p>

      {(client.tosUri || client.policyUri) && (
        <nav aria-label={t("links")} className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
          {client.tosUri && (
            <a href={client.tosUri} target="_blank" rel="noopener noreferrer" className={link}>
              {t("tos")} <span className="sr-only">{common("opensInNewTab")}</span>
            </a>
          )}
          {client.policyUri && (
            <a href={client.policyUri} target="_blank" rel="noopener noreferrer" className={link}>
              {t("policy")} <span className="sr-only">{common("opensInNewTab")}</span>
            </a>
          )}
        </nav>
      )}

      <div className="mt-8">
        {/* CONSENT.md §1.8: the two choices are equally prominent. */}
        <DecisionForm
          action={consentAction}
          challenge={step.view.challenge}
          choices={[
            { value: "deny", label: t("deny"), className: primaryButton },
            { value: "allow", label: t("allow"), className: primaryButton },
          ]}
          pendingLabel={t("submitting")}
          errorSummaryTitle={common("errorSummaryTitle")}
          errors={{ expired: t("errors.expired"), unavailable: t("errors.unavailable"), internal: t("errors.internal") }}
        />
      </div>
    </Card>
  );
}
