import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { RecoverForm } from "@/components/RecoverForm";
import { link } from "@/components/styles";
import { challengeFrom } from "@/lib/accounts/params";
import { recoverAction } from "@/lib/recover/actions";
import { initialRecoverState } from "@/lib/recover/state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Recover");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RecoverPage({ searchParams }: { searchParams: SearchParams }) {
  const challenge = challengeFrom((await searchParams).login_challenge);
  const [t, common] = await Promise.all([getTranslations("Recover"), getTranslations("Common")]);
  return (
    <Card>
      <RecoverForm
        action={recoverAction}
        initialState={initialRecoverState}
        challenge={challenge}
        text={{
          title: t("title"),
          intro: t("intro"),
          email: t("email"),
          submit: t("submit"),
          submitting: t("submitting"),
          sentTitle: t("sentTitle"),
          sentBody: t.raw("sentBody") as string,
          errorSummaryTitle: common("errorSummaryTitle"),
          errors: { emailRequired: t("errors.emailRequired"), emailInvalid: t("errors.emailInvalid"), internal: t("errors.internal") },
        }}
      />
      {challenge && (
        <p className="mt-6 border-t border-line pt-4">
          <Link href={`/login?${new URLSearchParams({ login_challenge: challenge })}`} className={link}>
            {t("backToSignIn")}
          </Link>
        </p>
      )}
    </Card>
  );
}
