import type { Role } from "@/lib/core/role";

/** Navigation is typed data; the header renders it (docs/architecture.md). */
export type NavItem = {
  /** Key under `common.nav` in messages/<locale>/common.json. */
  key: "lessons" | "practice" | "classes" | "flashcards" | "interview" | "simulator" | "dashboard" | "teach" | "admin";
  href: string;
  /** Shown only to signed-in users with at least this role. */
  role?: Role;
};

export const mainNav: NavItem[] = [
  { key: "lessons", href: "/lessons" },
  { key: "simulator", href: "/sim" },
  { key: "practice", href: "/practice", role: "STUDENT" },
  { key: "classes", href: "/classes", role: "STUDENT" },
  { key: "flashcards", href: "/flashcards", role: "STUDENT" },
  { key: "interview", href: "/interview", role: "STUDENT" },
  { key: "teach", href: "/teach", role: "INSTRUCTOR" },
  { key: "admin", href: "/admin", role: "ADMIN" },
];
