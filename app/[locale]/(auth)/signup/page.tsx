import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Link } from "@/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "auth.signUp" }))("title") };
}

export default async function SignUpPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-semibold">{t("signUp.title")}</h1>
      <p className="mt-2 mb-6 text-muted">{t("signUp.intro")}</p>
      <SignUpForm />
      <p className="mt-6 text-sm">
        {t("signUp.haveAccount")}{" "}
        <Link href="/signin" className="text-brand-700 underline">
          {t("signUp.signInInstead")}
        </Link>
      </p>
    </div>
  );
}
