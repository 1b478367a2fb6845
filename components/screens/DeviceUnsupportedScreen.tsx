import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";

/** /device when the authorization server has no device flow (Ory Hydra v2.3): said plainly, with
 * nothing to type into, rather than a form whose every code would be refused. */
export async function DeviceUnsupportedScreen() {
  const t = await getTranslations("Device");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("unsupportedTitle")}</h1>
      <p className="mt-3">{t("unsupportedBody")}</p>
    </Card>
  );
}
