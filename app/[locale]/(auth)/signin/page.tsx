import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { Link } from "@/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "auth.signIn" }))("title") };
}

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
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-semibold">{t("signIn.title")}</h1>
      <p className="mt-2 mb-6 text-muted">{t("signIn.intro")}</p>
      {signedOut ? (
        <div className="mb-4">
          <Notice tone="success">{t("signedOut")}</Notice>
        </div>
      ) : null}
      <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      <p className="mt-6 text-sm">
        {t("signIn.noAccount")}{" "}
        <Link href="/signup" className="text-brand-700 underline">
          {t("signIn.createOne")}
        </Link>
      </p>
    </div>
  );
}
