import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";

/** Where a sign-out ends: signed out, or (having declined) still signed in. */
export async function LogoutResultScreen({ outcome }: { outcome: "done" | "stayed" }) {
  const t = await getTranslations("Logout");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{outcome === "done" ? t("doneTitle") : t("stayedTitle")}</h1>
      <p className="mt-3">{outcome === "done" ? t("doneBody") : t("stayedBody")}</p>
    </Card>
  );
}
