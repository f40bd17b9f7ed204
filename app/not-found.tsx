import Link from "next/link";
import "./globals.css";

export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body className="p-10 font-sans">
        <h1 className="text-2xl font-semibold">Page not found · 页面不存在</h1>
        <p className="mt-4">
          <Link className="text-brand-700 underline" href="/en">
            tcplab (English)
          </Link>{" "}
          ·{" "}
          <Link className="text-brand-700 underline" href="/zh">
            tcplab（中文）
          </Link>
        </p>
      </body>
    </html>
  );
}
