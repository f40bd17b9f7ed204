import type { GetServerSideProps } from "next";
import { PracticeView, type PracticePageProps } from "@/components/quiz/practice-view";
import { practicePageProps } from "@/lib/server/quiz/practice-page";

/** /<locale>/practice/topic/<topic>: bank questions and scenario families of one topic, mixed (Pages Router: issue #16). */
export const getServerSideProps: GetServerSideProps<PracticePageProps> = (context) => practicePageProps(context, { kind: "topic" });

export default PracticeView;
