import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DeviceDoneScreen } from "@/components/screens/DeviceScreen";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Device");
  return { title: t("doneMetaTitle") };
}

/** Where a device sign-in ends (Hydra urls.device.success). */
export default function DeviceDonePage() {
  return <DeviceDoneScreen />;
}
