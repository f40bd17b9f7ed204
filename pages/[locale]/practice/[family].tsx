import type { GetServerSideProps } from "next";
import { PracticeView, type PracticePageProps } from "@/components/quiz/practice-view";
import { practicePageProps } from "@/lib/server/quiz/practice-page";

/**
 * /<locale>/practice/<family>: a fresh variant of one scenario family (lessons deep-link here).
 * Without `?v=` it reuses the latest unanswered variant or makes one, then shows it by id, so
 * reloading or going back shows the same question and its feedback. Pages Router: issue #16
 * (lib/server/quiz/practice-page.tsx says why).
 */
export const getServerSideProps: GetServerSideProps<PracticePageProps> = (context) => practicePageProps(context, { kind: "family" });

export default PracticeView;
