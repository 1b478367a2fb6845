import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ClientName } from "@/components/ClientName";
import { DecisionForm } from "@/components/DecisionForm";
import { ProblemView } from "@/components/ProblemView";
import { primaryButton, secondaryButton } from "@/components/styles";
import { parseChallenge } from "@/lib/challenge/params";
import { logoutAction } from "@/lib/logout/actions";
import { beginLogout } from "@/lib/logout";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Logout");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LogoutPage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = parseChallenge((await searchParams).logout_challenge);
  if (!parsed.ok) return <ProblemView reason={parsed.reason} />;

  const step = await beginLogout(parsed.challenge);
  if (step.kind === "problem") {
    return <ProblemView reason={step.reason} retryHref={`/logout?${new URLSearchParams({ logout_challenge: parsed.challenge })}`} />;
  }

  const [t, common] = await Promise.all([getTranslations("Logout"), getTranslations("Common")]);
  const { clientName } = step.view;
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
          action={logoutAction}
          challenge={step.view.challenge}
          choices={[
            { value: "stay", label: t("stay"), className: secondaryButton },
            { value: "logout", label: t("confirm"), className: primaryButton },
          ]}
          pendingLabel={t("confirm")}
          errorSummaryTitle={common("errorSummaryTitle")}
          errors={{ expired: t("errors.expired"), unavailable: t("errors.unavailable"), internal: t("errors.internal") }}
        />
      </div>
    </Card>
  );
}
