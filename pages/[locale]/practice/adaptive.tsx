import type { GetServerSideProps } from "next";
import { PracticeView, type PracticePageProps } from "@/components/quiz/practice-view";
import { practicePageProps } from "@/lib/server/quiz/practice-page";

/**
 * /<locale>/practice/adaptive: each next question comes from the student's weakest topic, one
 * difficulty level up or down by their recent results (lib/quiz/adaptive.ts, issue #19 item 4).
 * Pages Router: issue #16.
 */
export const getServerSideProps: GetServerSideProps<PracticePageProps> = (context) => practicePageProps(context, { kind: "adaptive" });

export default PracticeView;
