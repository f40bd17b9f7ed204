/**
 * Any next-intl translator bound to one namespace: `getTranslations` in the App Router, or
 * `createTranslator` in the Pages Router's lesson pages, which have no request configuration.
 * Synchronous components that both routers render take one of these instead of translating
 * themselves (issue #7).
 */
export type Translator = (key: string, values?: Record<string, string | number>) => string;
