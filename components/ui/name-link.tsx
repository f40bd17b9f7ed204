import type { ReactNode } from "react";
import { Link } from "@/i18n/navigation";

/**
 * A quiz's or class's name as the link to its page, in the weight that marks it as the row's or
 * item's name (the lists of quizzes and classes for students and instructors).
 */
export function NameLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-brand-700 underline">
      {children}
    </Link>
  );
}
