import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { currentBrand } from "@/lib/branding";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Home");
  return { title: { absolute: t("metaTitle") } };
}

export default async function HomePage() {
  const [t, { name: brand }] = await Promise.all([getTranslations("Home"), currentBrand()]);
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title", { brand })}</h1>
      <p className="mt-3">{t("body", { brand })}</p>
      <p className="mt-3 text-ink-muted">{t("howTo")}</p>
    </Card>
  );
}
