import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ClientName } from "@/components/ClientName";
import { DecisionForm } from "@/components/DecisionForm";
import { primaryButton, secondaryButton } from "@/components/styles";
import type { DecisionState } from "@/lib/challenge/decision";

interface Props {
  challenge: string;
  /** The asking app's name, when an app initiated the sign-out. */
  clientName?: string;
  action: (state: DecisionState, formData: FormData) => Promise<DecisionState>;
}

/** The sign-out confirmation, from plain props: app/logout/page.tsx and the operator preview. */
export async function LogoutScreen({ challenge, clientName, action }: Props) {
  const [t, common] = await Promise.all([getTranslations("Logout"), getTranslations("Common")]);
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {clientName !== undefined && (
        <p className="mt-3">
          {t.rich("bodyApp", { client: clientName, app: () => <ClientName name={clientName} fallback={common("unnamedApp")} /> })}
        </p>
      )}
      <p className="mt-3">{t("body")}</p>
      <div className="mt-8">
        <DecisionForm
          action={action}
          challenge={challenge}
          primary={{ value: "logout", label: t("confirm"), className: primaryButton }}
          secondary={{ value: "stay", label: t("stay"), className: secondaryButton }}
          pendingLabel={t("confirm")}
          errorSummaryTitle={common("errorSummaryTitle")}
          errors={{ expired: t("errors.expired"), unavailable: t("errors.unavailable"), internal: t("errors.internal") }}
        />
      </div>
    </Card>
  );
}
