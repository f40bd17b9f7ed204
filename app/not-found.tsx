import "./globals.css";

export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body className="p-10 font-sans">
        <h1 className="text-2xl font-semibold">Page not found · 页面不存在</h1>
        <p className="mt-4">
          <a className="text-brand-700 underline" href="/en">
            tcplab (English)
          </a>{" "}
          ·{" "}
          <a className="text-brand-700 underline" href="/zh">
            tcplab（中文）
          </a>
        </p>
      </body>
    </html>
  );
}
