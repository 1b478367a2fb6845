import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { link } from "@/components/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Error");
  return { title: t("notFound.metaTitle") };
}

export default async function NotFound() {
  const t = await getTranslations("Error");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-3">{t("notFound.body")}</p>
      <p className="mt-6">
        <Link href="/" className={link}>
          {t("goHome")}
        </Link>
      </p>
    </Card>
  );
}
