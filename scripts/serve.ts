/**
 * The production server: the built app served by one Node.js process per CPU core.
 *
 *   tsx scripts/serve.ts [-p 3000] [-H 0.0.0.0]        (`npm start` runs it after migrating/building)
 *   WEB_CONCURRENCY=1 tsx scripts/serve.ts             (one process, like `next start`)
 *
 * Why: a Next.js server runs every request's JavaScript on one thread, so `next start` uses one
 * core of two. Node's cluster module forks WEB_CONCURRENCY workers (default: the machine's
 * available parallelism) that share one listening socket; the primary hands each new connection
 * to the next worker (round-robin) and restarts a worker that dies. Each worker is an ordinary
 * Next.js server (Next's documented custom-server API, the same request handler `next start`
 * uses: https://nextjs.org/docs/app/guides/custom-server).
 * @see https://nodejs.org/api/cluster.html
 *
 * What the workers share: the database (PostgreSQL, or the SQLite file in WAL mode, whose
 * connections wait for each other's write lock: lib/server/sqlite-client.ts), the rate limits,
 * which the primary keeps for all of them (rate-limiter-flexible's RateLimiterClusterMaster;
 * lib/server/rate-limit.ts), and the rendered practice pages (lib/server/page-store-cluster.ts). Sessions are JWT cookies, so any worker can serve any request.
 */
import cluster from "node:cluster";
import { createServer, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { precompressLessons, staticLessons } from "../lib/server/static-lessons";

function option(flag: string, fallback: string): string {
  const i = process.argv.indexOf(flag);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const port = Number(option("-p", process.env.PORT ?? "3000"));
const hostname = option("-H", process.env.HOSTNAME ?? "0.0.0.0");
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());

// Read by lib/server/rate-limit.ts in the workers: counters live in the primary.
process.env.TCPLAB_CLUSTER = "1";
// Read by lib/server/auth.ts clientIp: this server sets the client-address header itself.
process.env.TCPLAB_CLIENT_ADDRESS = "1";
// A production server, whatever the shell says (`next start` does the same).
(process.env as Record<string, string>).NODE_ENV = "production";
/** The build being served (next.config.js reads the same variable). */
const distDir = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next");

async function primary(): Promise<void> {
  const { RateLimiterClusterMaster } = await import("rate-limiter-flexible");
  new RateLimiterClusterMaster();
  // The practice pages every worker has rendered, and the renders under way (page-store-cluster.ts).
  const { servePagesToWorkers } = await import("../lib/server/page-store-cluster");
  servePagesToWorkers();
  // The lessons' brotli/gzip files, once per build (`npm run build` writes them already; a bare
  // `next build` does not): lib/server/static-lessons.ts.
  const compressed = precompressLessons(distDir);
  if (compressed) console.log(`[serve] compressed ${compressed} prerendered lesson(s) (brotli + gzip)`);
  let stopping = false;
  let listening = 0;
  const started = performance.now();
  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => {
      listening += 1;
      if (listening === workers) {
        const shown = hostname === "0.0.0.0" ? "localhost" : hostname;
        console.log(`✓ Ready in ${Math.round(performance.now() - started)}ms: http://${shown}:${port} (${workers} worker process${workers === 1 ? "" : "es"})`);
      }
    });
  };
  for (let i = 0; i < workers; i += 1) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`[serve] worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    // Let workers finish their requests; never hang on one that does not.
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

async function worker(): Promise<void> {
  // Without its primary (killed, even with SIGKILL) a worker must not linger.
  process.on("disconnect", () => process.exit(1));
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Lessons are static files with a stable ETag; everything else is Next's.
  const lessons = staticLessons(distDir);
  // The client's address from the socket (and X-Forwarded-For only from TRUSTED_PROXIES), in a
  // header the client cannot supply: whatever it sent under that name is replaced (issue #14).
  const { env } = await import("../lib/env.js");
  const { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustedProxies } = await import("../lib/client-address.js");
  const proxies = parseTrustedProxies(env.TRUSTED_PROXIES);
  const trusted = proxies.ok && proxies.entries.length > 0 ? proxies.list : null;
  // A practice question page already rendered for this variant, state and locale comes from
  // memory (lib/server/page-cache.ts); every other page is Next's.
  // The pages are kept by the primary for every worker (lib/server/page-store-cluster.ts).
  const { isPracticePrefetch, practicePageCache } = await import("../lib/server/page-cache");
  const { primaryPageStore } = await import("../lib/server/page-store-cluster");
  const { sessionViewer } = await import("../lib/server/page-viewer");
  // A variant's first view is made from its page's template once Next has rendered that page
  // once (lib/server/practice-template.ts); TCPLAB_PAGE_TEMPLATES=0 leaves every first view to Next.
  const { practiceTemplates } = await import("../lib/server/practice-template");
  const templates = process.env.TCPLAB_PAGE_TEMPLATES !== "0" ? practiceTemplates() : undefined;
  const pages =
    env.NEXTAUTH_SECRET && process.env.TCPLAB_PAGE_CACHE !== "0"
      ? practicePageCache({ viewer: sessionViewer(env.NEXTAUTH_SECRET), store: primaryPageStore(), templates })
      : null;
  const server = createServer((req, res) => {
    if (lessons?.handle(req, res)) return;
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
    lingerInsteadOfReset(req);
    // A prefetch of a practice page must not make a question (lib/server/page-cache.ts).
    if (isPracticePrefetch(req)) {
      res.writeHead(204, { "cache-control": "no-store" }).end();
      return;
    }
    if (pages?.handle(req, res, () => void handle(req, res))) return;
    void handle(req, res);
  });
  server.on("connection", lingerBeforeClose);
  server.listen(port, hostname);
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** How long, and how much more of a refused body, a worker reads after answering before it closes. */
const LINGER_MS = 2000;
const LINGER_BYTES = 16 * 1024 * 1024;

/**
 * Lingering close (RFC 9112 §9.6; nginx's `lingering_close`). A handler that refuses a body as too
 * large (413, lib/server/http.ts) answers before reading it. Closing the socket then, with the
 * rest of the body unread in its receive buffer, makes the kernel send a RST (tcp_close() in
 * net/ipv4/tcp.c, RFC 2525 §2.17), and a client still sending receives the RST, often before it
 * has read the 413 — a refused request looked like no answer at all (issue #14, `npm run
 * hostile`: 3 of 44 oversize bodies). Two ways lead there, and both now linger instead: Node's
 * server closes the connection after answering a request whose body was not read
 * (resOnFinish → socket.destroySoon(), in node:_http_server) — lingerBeforeClose; and Next.js
 * destroys a request stream it stopped reading — lingerInsteadOfReset.
 */
function lingerBeforeClose(socket: Socket): void {
  const destroySoon = socket.destroySoon.bind(socket);
  socket.destroySoon = () => {
    // The client may still be sending: send our FIN after the answer, keep reading (the HTTP
    // parser drops what is left of the body) until the client closes or LINGER_MS pass.
    if (socket.readableEnded || !socket.writable) return destroySoon();
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  };
}

/** A request stream destroyed before its body was read: drop the rest for a bounded time and size, then close. */
function lingerInsteadOfReset(req: IncomingMessage): void {
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) return;
  const destroy = req.destroy.bind(req);
  req.destroy = ((error?: Error) => {
    // An error (the client went away) or a body already read: nothing to wait for.
    if (error || req.complete) return destroy(error);
    const stop = () => {
      clearTimeout(timer);
      destroy();
    };
    const timer = setTimeout(stop, LINGER_MS);
    timer.unref();
    let dropped = 0;
    // A 'readable' listener left by the reader that gave up would keep the stream paused.
    req.removeAllListeners("readable");
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) stop();
    });
    req.once("end", () => clearTimeout(timer));
    req.resume();
    return req;
  }) as typeof req.destroy;
}

(cluster.isPrimary ? primary() : worker()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
