"use client";

import { createContext, useContext, type ReactNode } from "react";

export type ErrorMessages = { title: string; body: string; retry: string };

const ErrorMessagesContext = createContext<ErrorMessages | null>(null);

/**
 * An error boundary (app/[locale]/error.tsx) must be a client component and receives no props
 * from the server. The locale layout hands it its three strings through this context instead of
 * next-intl's client provider, which would ship the ICU message formatter on every page (issue #7).
 */
export function ErrorMessagesProvider({ messages, children }: { messages: ErrorMessages; children: ReactNode }) {
  return <ErrorMessagesContext.Provider value={messages}>{children}</ErrorMessagesContext.Provider>;
}

export function useErrorMessages(): ErrorMessages {
  const messages = useContext(ErrorMessagesContext);
  if (!messages) throw new Error("useErrorMessages outside <ErrorMessagesProvider>");
  return messages;
}
