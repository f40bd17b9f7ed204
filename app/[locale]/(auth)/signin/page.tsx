import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { titleFrom } from "@/app/[locale]/page-setup";
import { AuthFrame } from "../auth-frame";

export const generateMetadata = titleFrom("auth.signIn");

export default async function SignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ callbackUrl?: string; signedOut?: string }>;
}) {
  const { locale } = await params;
  const { callbackUrl, signedOut } = await searchParams;
  setRequestLocale(locale);
  const t = await getTranslations("auth");
  return (
    <AuthFrame title={t("signIn.title")} intro={t("signIn.intro")} other={{ text: t("signIn.noAccount"), href: "/signup", label: t("signIn.createOne") }}>
      {signedOut ? (
        <div className="mb-4">
          <Notice tone="success">{t("signedOut")}</Notice>
        </div>
      ) : null}
      <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
    </AuthFrame>
  );
}
