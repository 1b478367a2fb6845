import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ProblemReason } from "@/lib/challenge/problem";
import { Card } from "./Card";
import { link, primaryButton } from "./styles";

/** The shared error screen for a challenge that cannot be used. Never shows upstream text. */
export async function ProblemView({ reason, retryHref }: { reason: ProblemReason; retryHref?: string }) {
  const t = await getTranslations("Error");
  const returnToApp = reason === "not_found" || reason === "expired" || reason === "gone" || reason === "missing" || reason === "malformed" || reason === "bad_request";
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t(`reasons.${reason}.title`)}</h1>
      <p className="mt-3">{t(`reasons.${reason}.body`)}</p>
      {returnToApp && <p className="mt-3 font-medium">{t("returnToApp")}</p>}
      {reason === "unavailable" && retryHref && (
        <p className="mt-6">
          <a href={retryHref} className={primaryButton}>
            {t("retry")}
          </a>
        </p>
      )}
      {reason === "internal" && (
        <p className="mt-6">
          <Link href="/" className={link}>
            {t("goHome")}
          </Link>
        </p>
      )}
    </Card>
  );
}
