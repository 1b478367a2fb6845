import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ClientName } from "@/components/ClientName";
import { ConsentHeader } from "@/components/ConsentHeader";
import { AccessSummary, AudienceList, ConsentChanges, ConsentLinks, DataUse, PaymentSummary } from "@/components/ConsentSections";
import { DecisionForm } from "@/components/DecisionForm";
import { ScopeList } from "@/components/ScopeList";
import { primaryButton } from "@/components/styles";
import type { ConsentView, RefusalView } from "@/lib/consent";
import type { DecisionState } from "@/lib/challenge/decision";

export type ConsentScreenStep = { kind: "form"; view: ConsentView } | { kind: "refusal"; view: RefusalView };

interface Props {
  step: ConsentScreenStep;
  action: (state: DecisionState, formData: FormData) => Promise<DecisionState>;
}

/** The consent screen (or its refusal page), from plain props: app/consent/page.tsx and the
 * operator preview render it. */
export async function ConsentScreen({ step, action }: Props) {
  const [t, common] = await Promise.all([getTranslations("Consent"), getTranslations("Common")]);
  const errors = { expired: t("errors.expired"), unavailable: t("errors.unavailable"), internal: t("errors.internal") };
  const clientName = step.view.client.name.trim() || common("unnamedApp");
  const app = () => <ClientName name={clientName} fallback={clientName} />;

  if (step.kind === "refusal") {
    const { reason } = step.view;
    return (
      <Card>
        <ConsentHeader client={step.view.client} name={clientName} title={reason === "step_up" ? "refusal.stepUpTitle" : "refusal.unsupportedTitle"} />
        <p className="mt-4">
          {t.rich(reason === "step_up" ? "refusal.stepUpBody" : "refusal.unsupportedBody", { client: clientName, app })}
        </p>
        <div className="mt-8">
          {/* The only way on is back to the app, with the error the flow ends in (lib/consent/flow.ts). */}
          <DecisionForm
            action={action}
            challenge={step.view.challenge}
            primary={{ value: "deny", label: t("refusal.back"), className: primaryButton }}
            pendingLabel={t("submitting")}
            errorSummaryTitle={common("errorSummaryTitle")}
            errors={errors}
          />
        </div>
      </Card>
    );
  }

  const { view } = step;
  return (
    <Card>
      <ConsentHeader client={view.client} name={clientName} title="title" />
      <ConsentChanges view={view} />
      <PaymentSummary view={view} />
      <div className="mt-8">
        {/* CONSENT.md §1.8: the two choices are equally prominent; optional scopes are in the form.
            Allowing is what the form is for, so Enter (on an optional scope too) allows, never denies. */}
        <DecisionForm
          action={action}
          challenge={view.challenge}
          primary={{ value: "allow", label: t("allow"), className: primaryButton }}
          secondary={{ value: "deny", label: t("deny"), className: primaryButton }}
          pendingLabel={t("submitting")}
          errorSummaryTitle={common("errorSummaryTitle")}
          errors={errors}
        >
          <h2 className="mb-3 font-semibold">{t("requested")}</h2>
          <ScopeList scopes={view.scopes} />
          {view.optionalScopes.length > 0 && (
            <fieldset className="mt-6">
              <legend className="font-semibold">{t("optionalHeading")}</legend>
              <p className="mb-3 text-sm text-ink-muted">{t("optionalHelp")}</p>
              <ScopeList scopes={view.optionalScopes} selectable />
            </fieldset>
          )}
          <AudienceList view={view} />
          <AccessSummary view={view} clientName={clientName} />
          <DataUse view={view} />
          <ConsentLinks view={view} />
          <p className="mt-4 mb-8 text-ink-muted">{t("noPassword")}</p>
        </DecisionForm>
      </div>
    </Card>
  );
}
