import { getTranslations } from "next-intl/server";
import { Card } from "./Card";
import { link } from "./styles";

/** Why an emailed link cannot be used, with the way to get a new one. */
export async function LinkProblem({ reason, again }: { reason: "invalid" | "expired" | "used"; again: "register" | "recover" }) {
  const t = await getTranslations("MailLink");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t(`${reason}.title`)}</h1>
      <p className="mt-4">{t(`${reason}.body`)}</p>
      <p className="mt-6">
        <a href={`/${again}`} className={link}>
          {again === "register" ? t("startAgainRegister") : t("startAgainRecover")}
        </a>
      </p>
    </Card>
  );
}
