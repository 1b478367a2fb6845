import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RegisterScreen } from "@/components/screens/RegisterScreen";
import { challengeFrom } from "@/lib/challenge/params";
import { registerAction } from "@/lib/register/actions";
import { registrationFields, registrationOpen } from "@/lib/register/flow";
import { initialRegisterState } from "@/lib/register/state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Register");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RegisterPage({ searchParams }: { searchParams: SearchParams }) {
  const challenge = challengeFrom((await searchParams).login_challenge);
  return (
    <RegisterScreen
      open={registrationOpen()}
      challenge={challenge}
      fields={registrationFields()}
      action={registerAction}
      initialState={initialRegisterState}
    />
  );
}
