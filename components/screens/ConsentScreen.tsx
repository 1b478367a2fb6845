import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ClientLogo } from "@/components/ClientLogo";
import { ClientName } from "@/components/ClientName";
import { DecisionForm } from "@/components/DecisionForm";
import { ScopeList } from "@/components/ScopeList";
import { link, primaryButton } from "@/components/styles";
import type { ScopeItem } from "@/lib/consent/scopes";
import type { DecisionState } from "@/lib/decision/state";

interface Props {
  challenge: string;
  client: { name: string; logoUri?: string; tosUri?: string; policyUri?: string };
  /** The operator's description of why the app asks, in the page's locale. */
  purpose?: string;
  scopes: ScopeItem[];
  action: (state: DecisionState, formData: FormData) => Promise<DecisionState>;
}

/** The consent screen, from plain props: app/consent/page.tsx and the operator preview render it. */
export async function ConsentScreen({ challenge, client, purpose, scopes, action }: Props) {
  const [t, common, brand] = await Promise.all([getTranslations("Consent"), getTranslations("Common"), getTranslations("Brand")]);
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

      {purpose && (
        <div className="mt-4">
          <h2 className="font-semibold">{brand("purpose")}</h2>
          <p className="mt-1 text-ink-muted">{purpose}</p>
        </div>
      )}

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
          action={action}
          challenge={challenge}
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
