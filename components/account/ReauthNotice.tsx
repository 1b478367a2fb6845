import { getTranslations } from "next-intl/server";
import { primaryButton } from "../styles";

/** Shown instead of a sensitive form when the password was entered too long ago. */
export async function ReauthNotice({ returnTo }: { returnTo: string }) {
  const t = await getTranslations("Account");
  return (
    <div className="rounded-brand border-2 border-warning bg-warning-soft p-4">
      <h2 className="font-semibold">{t("reauthTitle")}</h2>
      <p className="mt-1">{t("reauthBody")}</p>
      <p className="mt-4">
        <a href={`/account/login?${new URLSearchParams({ reauth: "1", return: returnTo })}`} className={primaryButton}>
          {t("reauthLink")}
        </a>
      </p>
    </div>
  );
}
