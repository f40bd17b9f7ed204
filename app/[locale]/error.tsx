"use client";

import { useErrorMessages } from "@/components/layout/error-messages";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useErrorMessages();
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-semibold">{t.title}</h1>
      <p className="mt-3 text-muted">{t.body}</p>
      <Button className="mt-6" onClick={reset}>
        {t.retry}
      </Button>
    </div>
  );
}
