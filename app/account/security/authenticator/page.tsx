import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthenticatorScreen } from "@/components/screens/account/AuthenticatorScreen";
import { addTotpAction } from "@/lib/account/security/actions";
import { requireAccountSession } from "@/lib/account/flow";
import { authenticatorView } from "@/lib/account/security/view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Security");
  return { title: t("enrolTitle") };
}

export default async function AddAuthenticatorPage() {
  const view = await authenticatorView(await requireAccountSession("/account/security/authenticator"));
  if (view.kind === "back") redirect("/account/security");
  return <AuthenticatorScreen enrolment={view.enrolment} accountName={view.accountName} add={addTotpAction} />;
}
