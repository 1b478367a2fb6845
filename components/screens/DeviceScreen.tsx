import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { DeviceCodeForm } from "@/components/DeviceCodeForm";
import type { DeviceState } from "@/lib/device/state";

interface Props {
  /** The authorization server's device challenge. */
  challenge: string;
  /** The code from the verification URI, when the device put it there (RFC 8628 §3.3.1). */
  userCode: string;
  action: (state: DeviceState, formData: FormData) => Promise<DeviceState>;
}

/** Entering the code a device shows, from plain props: app/device/page.tsx and the operator preview render it. */
export async function DeviceScreen({ challenge, userCode, action }: Props) {
  const [t, common] = await Promise.all([getTranslations("Device"), getTranslations("Common")]);
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2">{t("body")}</p>
      <p className="mt-3 mb-6 rounded-brand border-2 border-warning bg-warning-soft p-3 text-sm">{t("warning")}</p>
      <DeviceCodeForm
        action={action}
        challenge={challenge}
        userCode={userCode}
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

/** Where a device sign-in ends (Hydra urls.device.success): app/device/done and the preview render it. */
export async function DeviceDoneScreen() {
  const t = await getTranslations("Device");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("doneTitle")}</h1>
      <p className="mt-3">{t("doneBody")}</p>
    </Card>
  );
}
