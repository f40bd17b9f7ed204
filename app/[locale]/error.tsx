"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("common.errors");
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-semibold">{t("genericTitle")}</h1>
      <p className="mt-3 text-muted">{t("genericBody")}</p>
      <Button className="mt-6" onClick={reset}>
        {t("retry")}
      </Button>
    </div>
  );
}
