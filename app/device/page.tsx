import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Card } from "@/components/Card";
import { DeviceCodeForm } from "@/components/DeviceCodeForm";
import { ProblemView } from "@/components/ProblemView";
import { parseChallenge } from "@/lib/challenge/params";
import { deviceAction } from "@/lib/device/actions";
import { beginDevice } from "@/lib/device/flow";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Device");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const userCodeParam = z.string().max(64).optional().catch(undefined);

/** RFC 8628 verification page: /device[?user_code=] and, from the authorization server, ?device_challenge=. */
export default async function DevicePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const userCode = userCodeParam.parse(params.user_code);
  let challenge: string | undefined;
  if (params.device_challenge !== undefined) {
    const parsed = parseChallenge(params.device_challenge);
    if (!parsed.ok) return <ProblemView reason={parsed.reason} />;
    challenge = parsed.challenge;
  }
  const step = beginDevice(challenge, userCode);
  if (step.kind === "start") redirect(step.to);

  const [t, common] = await Promise.all([getTranslations("Device"), getTranslations("Common")]);
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2">{t("body")}</p>
      <p className="mt-3 mb-6 rounded-brand border-2 border-warning bg-warning-soft p-3 text-sm">{t("warning")}</p>
      <DeviceCodeForm
        action={deviceAction}
        challenge={step.challenge}
        userCode={step.userCode}
        text={{
          code: t("code"),
          codeHint: t("codeHint"),
          submit: t("submit"),
          submitting: t("submitting"),
          errorSummaryTitle: common("errorSummaryTitle"),
          errors: {
            codeRequired: t("errors.codeRequired"),
            invalidCode: t("errors.invalidCode"),
            expired: t("errors.expired"),
            unavailable: t("errors.unavailable"),
            internal: t("errors.internal"),
          },
        }}
      />
    </Card>
  );
}
