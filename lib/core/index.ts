/**
 * The project's shared vocabulary (issue #13): one definition of each concept that the pure
 * modules (lib/tcp, lib/scenarios), the services (lib/server) and the UI all speak. Pure: no
 * framework, no database, no Node APIs — lint enforces it (eslint.config.mjs).
 */
export { isLocale, locales, type Locale, type Localized } from "./locale";
export { localizedSchema } from "./schemas";
export { isRole, ROLE_RANK, ROLES, roleAtLeast, type Role } from "./role";
export { DomainError, domainError, type MessageValues } from "./errors";
export { formatNumber, formatPercent, NO_VALUE, shortMarkdown, type NumberOptions } from "./format";
export { TOPIC_IDS, topicIdSchema, type TopicId } from "@/lib/content/topics";
