/**
 * A file the browser saves instead of showing (`Content-Disposition: attachment`, RFC 6266 §4)
 * under `filename`, kept out of every cache by default: exports hold the caller's own data
 * (issue #13: five routes wrote these headers out).
 * @see https://www.rfc-editor.org/rfc/rfc6266#section-4
 */
export function downloadResponse(body: BodyInit, { filename, type, cacheControl = "no-store" }: { filename: string; type: string; cacheControl?: string }): Response {
  return new Response(body, {
    headers: {
      "content-type": type,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": cacheControl,
    },
  });
}

/**
 * A CSV download: UTF-8 with a byte order mark, so Excel opens Chinese names correctly, and the
 * CRLF line ends RFC 4180 §2 asks for (the last line's too).
 * @see https://www.rfc-editor.org/rfc/rfc4180#section-2
 */
export function csvResponse(csv: string, filename: string): Response {
  return downloadResponse(`\uFEFF${csv}\r\n`, { filename, type: "text/csv; charset=utf-8" });
}
