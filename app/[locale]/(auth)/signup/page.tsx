import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { titleFrom } from "@/app/[locale]/page-setup";
import { AuthFrame } from "../auth-frame";

export const generateMetadata = titleFrom("auth.signUp");

export default async function SignUpPage({ params }: { params: Promise<{ locale: string }> }) {
  setRequestLocale((await params).locale);
  const t = await getTranslations("auth");
  return (
    <AuthFrame title={t("signUp.title")} intro={t("signUp.intro")} other={{ text: t("signUp.haveAccount"), href: "/signin", label: t("signUp.signInInstead") }}>
      <SignUpForm />
    </AuthFrame>
  );
}
