/**
 * A label rendered by `inlineMarkdownHtml` (components/quiz/markdown.tsx: sanitized markdown),
 * shown by client components without shipping the markdown pipeline. A span: phrasing content,
 * valid inside <label>, <legend> and <button>.
 */
export function InlineHtml({ html }: { html: string }) {
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}
