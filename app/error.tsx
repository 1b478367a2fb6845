"use client";

import { useTranslations } from "next-intl";
import { Card } from "@/components/Card";
import { primaryButton } from "@/components/styles";

/** Unexpected failures inside a page: a translated message, never the error's text. */
export default function ErrorBoundary({ retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("Error");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-3">{t("body")}</p>
      <p className="mt-6">
        <button type="button" onClick={() => retry()} className={primaryButton}>
          {t("retry")}
        </button>
      </p>
    </Card>
  );
}
