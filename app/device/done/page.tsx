import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Device");
  return { title: t("doneMetaTitle") };
}

/** Where a device sign-in ends (Hydra urls.device.success). */
export default async function DeviceDonePage() {
  const t = await getTranslations("Device");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("doneTitle")}</h1>
      <p className="mt-3">{t("doneBody")}</p>
    </Card>
  );
}
