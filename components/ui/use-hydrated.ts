import { useSyncExternalStore } from "react";

const subscribeNothing = () => () => {};

/**
 * False while the server renders and until React has hydrated this component in the browser,
 * then true. Forms whose submit is handled in JavaScript keep their button disabled until then: a
 * click before hydration would otherwise submit the plain HTML form.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}
