import { buttonClass } from "@/components/ui/button";

export type LessonCompletionLabels = { signIn: string; done: string; mark: string; unmark: string; saving: string; failed: string; loadFailed: string };

/**
 * "Mark as complete" on a lesson page that ships no React runtime (issue #7). The HTML is the
 * anonymous state, a link to sign in, which is also what a reader without JavaScript gets;
 * public/lesson.js shows the control (`data-signed-in`) to a signed-in reader, loads their
 * progress from /api/progress and saves it there. Every string and both button styles are in
 * the markup, so the script neither translates nor styles anything.
 */
export function LessonCompletion({ slug, signInHref, labels }: { slug: string; signInHref: string; labels: LessonCompletionLabels }) {
  return (
    <div data-lesson-progress={slug}>
      <a href={signInHref} className="font-medium text-brand-700 underline underline-offset-2" data-signed-out="" data-session-pending="">
        {labels.signIn}
      </a>
      <div className="flex flex-wrap items-center gap-3" data-signed-in="" hidden>
        <p className="inline-flex items-center gap-1 font-medium text-ok" data-progress-done="" hidden>
          <span aria-hidden="true">✓</span> {labels.done}
        </p>
        <button
          type="button"
          className={buttonClass("primary")}
          disabled
          data-progress-toggle=""
          data-label-mark={labels.mark}
          data-label-unmark={labels.unmark}
          data-class-mark={buttonClass("primary")}
          data-class-unmark={buttonClass("secondary")}
        >
          {labels.mark}
        </button>
        <span aria-live="polite" className="text-sm">
          <span className="text-muted" data-progress-saving="" hidden>
            {labels.saving}
          </span>
          <span className="text-bad" data-progress-failed="" hidden>
            {labels.failed}
          </span>
          <span className="text-bad" data-progress-load-failed="" hidden>
            {labels.loadFailed}
          </span>
        </span>
      </div>
    </div>
  );
}
