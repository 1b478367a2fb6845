import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { primaryButton } from "@/components/styles";

/** The account area after signing out here, or everywhere. */
export async function SignedOutScreen({ everywhere }: { everywhere: boolean }) {
  const t = await getTranslations("Account.signedOut");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{everywhere ? t("everywhereTitle") : t("title")}</h1>
      {everywhere && <p className="mt-3">{t("everywhereBody")}</p>}
      <p className="mt-6">
        <a href="/account/login" className={primaryButton}>
          {t("signIn")}
        </a>
      </p>
    </Card>
  );
}
