import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import type { OAuthErrorCode } from "@/lib/errors/oauth";

/** An OAuth error the authorization server sent people to /error with, translated; its
 * description is shown as untrusted text only. */
export async function OAuthErrorScreen({ error, description }: { error: OAuthErrorCode | "unknown"; description?: string }) {
  const t = await getTranslations("Error");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-3">{t(`oauth.${error}`)}</p>
      <p className="mt-3 font-medium">{t("returnToApp")}</p>
      {description && (
        <p className="mt-6 text-sm text-ink-muted">
          {t("descriptionLabel")} <bdi className="break-words">{description}</bdi>
        </p>
      )}
    </Card>
  );
}
