import { z } from "zod";
import type { Localized } from "@/lib/core/locale";
import { localizedSchema } from "@/lib/core/schemas";

/**
 * The course topics, in lesson order (adding a lesson: content/README.md). Every piece of content (lesson, authored question,
 * interview question, flashcard) belongs to exactly one of them, and mastery is tracked per topic.
 * A topic maps 1:1 to its lesson slug (see content/lessons/README.md: lesson file names and slugs).
 */
export const TOPICS = [
  { id: "segments", order: 1, lesson: "tcp-segments", name: { en: "TCP segments", zh: "TCP 报文段" } },
  { id: "handshake", order: 2, lesson: "three-way-handshake", name: { en: "Three-way handshake", zh: "三次握手" } },
  { id: "teardown", order: 3, lesson: "four-way-teardown", name: { en: "Four-way teardown", zh: "四次挥手" } },
  { id: "time-wait", order: 4, lesson: "time-wait", name: { en: "TIME_WAIT", zh: "TIME_WAIT 状态" } },
  { id: "backlog", order: 5, lesson: "listen-backlog", name: { en: "Listen backlog", zh: "listen 队列（backlog）" } },
  { id: "socket-api", order: 6, lesson: "socket-api", name: { en: "Socket API", zh: "Socket API" } },
  { id: "loss", order: 7, lesson: "loss-and-retransmission", name: { en: "Loss and retransmission", zh: "丢包与重传" } },
  { id: "diagnose", order: 8, lesson: "diagnosing-a-live-server", name: { en: "Diagnosing a live server", zh: "线上服务器诊断" } },
] as const;

export type Topic = (typeof TOPICS)[number];
export type TopicId = Topic["id"];
export type LessonSlug = Topic["lesson"];

export const TOPIC_IDS = TOPICS.map((t) => t.id) as [TopicId, ...TopicId[]];
export const LESSON_SLUGS = TOPICS.map((t) => t.lesson) as [LessonSlug, ...LessonSlug[]];

export const topicIdSchema = z.enum(TOPIC_IDS);
export const lessonSlugSchema = z.enum(LESSON_SLUGS);

export function getTopic(id: TopicId): Topic {
  const topic = TOPICS.find((t) => t.id === id);
  // The union type makes this unreachable; the guard keeps noUncheckedIndexedAccess honest.
  if (!topic) throw new Error(`unknown topic ${id}`);
  return topic;
}

export function topicOfLesson(slug: string): Topic | undefined {
  return TOPICS.find((t) => t.lesson === slug);
}

/**
 * The common misconceptions the course corrects. Each one has a MISCONCEPTION callout in its
 * lesson and at least one authored question that targets it (asserted by the bank's tests).
 * @see content/lessons/README.md "Correctness"
 */
export const MISCONCEPTIONS = [
  { id: "finwait2-last-ack", topic: "teardown", myth: { en: "The client in FIN-WAIT-2 sends LAST_ACK.", zh: "处于 FIN-WAIT-2 的客户端会发送 LAST_ACK。" } },
  { id: "ack-plus-one", topic: "segments", myth: { en: "The ACK for a FIN is “FIN + seq”; SYN and FIN carry no sequence number.", zh: "对 FIN 的确认号是“FIN + seq”；SYN 和 FIN 不占序列号。" } },
  { id: "so-reuseaddr", topic: "time-wait", myth: { en: "SO_REUSEADDR lets two servers listen on the same address and port.", zh: "SO_REUSEADDR 允许两个服务同时监听同一个地址和端口。" } },
  { id: "timewait-not-fin-timeout", topic: "time-wait", myth: { en: "tcp_fin_timeout sets how long TIME_WAIT lasts on Linux.", zh: "Linux 上 TIME_WAIT 的时长由 tcp_fin_timeout 决定。" } },
  { id: "three-segment-teardown", topic: "teardown", myth: { en: "Closing a TCP connection always takes exactly four segments.", zh: "关闭 TCP 连接一定正好需要四个报文段。" } },
  { id: "accept-not-in-handshake", topic: "handshake", myth: { en: "accept() takes part in the three-way handshake.", zh: "accept() 参与了三次握手。" } },
] as const satisfies readonly { id: string; topic: TopicId; myth: Localized }[];

export type MisconceptionId = (typeof MISCONCEPTIONS)[number]["id"];
export const MISCONCEPTION_IDS = MISCONCEPTIONS.map((m) => m.id) as [MisconceptionId, ...MisconceptionId[]];
export const misconceptionIdSchema = z.enum(MISCONCEPTION_IDS);

/**
 * A link into a lesson: `slug` or `slug#section-id`. Section ids are the explicit `{#id}` anchors
 * that every lesson heading carries (identical in both languages).
 */
export const lessonRefSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?$/, "expected slug or slug#section-id")
  .refine((ref) => (LESSON_SLUGS as readonly string[]).includes(ref.split("#")[0] ?? ""), {
    message: `lesson slug must be one of: ${LESSON_SLUGS.join(", ")}`,
  });

export type LessonRef = z.infer<typeof lessonRefSchema>;

export function splitLessonRef(ref: LessonRef): { slug: LessonSlug; section?: string } {
  const [slug, section] = ref.split("#");
  const parsed = lessonSlugSchema.parse(slug);
  return section ? { slug: parsed, section } : { slug: parsed };
}

/** Bilingual text: every user-visible string exists in both languages (lib/core/locale.ts). */
export const localizedTextSchema = localizedSchema().strict();
