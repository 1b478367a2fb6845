import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthenticatorScreen } from "@/components/screens/account/AuthenticatorScreen";
import { addTotpAction } from "@/lib/account/security/actions";
import { requireAccountSession } from "@/lib/account/flow";
import { securityAccess } from "@/lib/account/security/confirmation";
import { startTotpEnrolment } from "@/lib/factors/enrol";
import { currentBrand } from "@/lib/branding";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Security");
  return { title: t("enrolTitle") };
}

export default async function AddAuthenticatorPage() {
  const access = await securityAccess(await requireAccountSession("/account/security/authenticator"));
  if (access.kind !== "confirmed") redirect("/account/security");
  const { account } = access;
  const enrolment = await startTotpEnrolment(account.id, (await currentBrand()).name, account.userName);
  return <AuthenticatorScreen enrolment={enrolment} accountName={account.userName} add={addTotpAction} />;
}
