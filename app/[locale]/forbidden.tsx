import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

// Rendered with HTTP 403 when a layout or page calls forbidden() (experimental.authInterrupts).
export default async function Forbidden() {
  const t = await getTranslations("common.errors");
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-semibold">{t("forbiddenTitle")}</h1>
      <p className="mt-3 text-muted">{t("forbiddenBody")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        {t("backHome")}
      </Link>
    </div>
  );
}
