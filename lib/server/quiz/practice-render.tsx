import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { HeadManagerContext } from "next/dist/shared/lib/head-manager-context.shared-runtime";
import { PathParamsContext, SearchParamsContext } from "next/dist/shared/lib/hooks-client-context.shared-runtime";
import { RouterContext } from "next/dist/shared/lib/router-context.shared-runtime";
import { PathnameContextProviderAdapter, adaptForAppRouterInstance, adaptForPathParams, adaptForSearchParams } from "next/dist/shared/lib/router/adapters";
import type { NextRouter } from "next/router";
import { AppShell } from "@/components/layout/app-shell";
import { PracticeView, type PracticePageProps } from "@/components/quiz/practice-view";

/**
 * The body of a practice question page (what goes inside `<div id="__next">`), rendered the
 * way the Pages Router renders it (renderToHTMLImpl in next/dist/server/render.js, Next 16.4.6):
 * pages/_app's shell around PracticeView, inside the same context providers and the same wrapper
 * fibers. (Next's loadable, styled-jsx and image-config providers are left out: the page
 * uses none of them, and a provider with one child changes neither the markup nor the ids.)
 * Wrappers matter: React's useId derives ids from the tree's shape, and the answer
 * form's ids must be the ones the browser's hydration computes
 * (https://github.com/facebook/react/pull/22644). lib/server/practice-template.ts uses it to
 * render a variant's first view without Next's request pipeline, and checks it byte for byte
 * against a render by Next before it ever serves one (issue #16).
 *
 * `route` is the page's file route (`/[locale]/practice/topic/[topic]`), `asPath` the URL.
 */
export function renderPracticeBody(route: string, asPath: string, query: Record<string, string>, props: PracticePageProps): string {
  const router = serverRouter(route, asPath, query);
  const noop = () => undefined;
  return renderToString(
    <div id="__next">
      <Noop />
      <AppRouterContext.Provider value={adaptForAppRouterInstance(router)}>
        <SearchParamsContext.Provider value={adaptForSearchParams(router)}>
          <PathnameContextProviderAdapter router={router} isAutoExport={false}>
            <PathParamsContext.Provider value={adaptForPathParams(router)}>
              <RouterContext.Provider value={router}>
                <HeadManagerContext.Provider value={{ updateHead: noop, updateScripts: noop, scripts: {}, mountedInstances: new Set() }}>
                  <>
                    <AppShell>
                      <PracticeView {...props} />
                    </AppShell>
                    <Noop />
                  </>
                </HeadManagerContext.Provider>
              </RouterContext.Provider>
            </PathParamsContext.Provider>
          </PathnameContextProviderAdapter>
        </SearchParamsContext.Provider>
      </AppRouterContext.Provider>
    </div>,
  );
}

/** Next's wrapper fibers (AppContainerWithIsomorphicFiberStructure): they render nothing. */
function Noop(): ReactNode {
  return null;
}

/**
 * What Next's ServerRouter holds for a page with getServerSideProps (ready, no fallback, no
 * basePath or i18n config). Its navigation methods are never called while rendering on the server.
 */
function serverRouter(route: string, asPath: string, query: Record<string, string>): NextRouter {
  const noRouter = () => {
    throw new Error("no router on the server");
  };
  return {
    route,
    pathname: route,
    query,
    asPath,
    isFallback: false,
    basePath: "",
    isReady: true,
    isPreview: false,
    isLocaleDomain: false,
    push: noRouter,
    replace: noRouter,
    reload: noRouter,
    back: noRouter,
    forward: noRouter,
    prefetch: noRouter,
    beforePopState: noRouter,
    events: { on: noRouter, off: noRouter, emit: noRouter },
  } as NextRouter;
}
