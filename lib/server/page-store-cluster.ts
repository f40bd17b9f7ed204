/**
 * The practice page store shared by every worker of the production server (scripts/serve.ts).
 * Each worker kept its own pages before, so a student whose next connection landed on the other
 * worker met a page that worker had never rendered: with two workers, every variant was rendered
 * twice, and the first seconds of a class opening its questions were renders, not replays
 * (`npm run bench`, PostgreSQL, 50 paced students: p95 1.2 s, 8.5 ms CPU per page). The primary
 * keeps the pages and the renders under way (lib/server/page-cache.ts memoryPageStore), the workers
 * ask it over the cluster's IPC channel — as the rate limits already do
 * (rate-limiter-flexible's RateLimiterClusterMaster, lib/server/rate-limit.ts).
 *
 * Messages are JSON (Node's default IPC serialization), so a page's bytes travel as base64 and
 * are kept in that form by the primary: a hit is one string copied to the worker and decoded.
 * @see https://nodejs.org/api/cluster.html#event-message_1
 * @see https://nodejs.org/api/child_process.html#subprocesssendmessage-sendhandle-options-callback
 */
import cluster from "node:cluster";
import { memoryPageStore, WAIT_MS, type Entry, type PageStore } from "./page-cache";

const CHANNEL = "tcplab:pages";

type WireEntry = { headers: Entry["headers"]; body: string };
type ToPrimary = { channel: typeof CHANNEL } & ({ op: "claim"; id: string; key: string } | { op: "fill"; key: string; entry: WireEntry } | { op: "abandon"; key: string });
type ToWorker = { channel: typeof CHANNEL; id: string; entry: WireEntry | null };

const toWire = (e: Entry): WireEntry => ({ headers: e.headers, body: e.body.toString("base64") });
const fromWire = (e: WireEntry): Entry => ({ headers: e.headers, body: Buffer.from(e.body, "base64") });

function isMessage<T extends { channel: string }>(m: unknown): m is T {
  return typeof m === "object" && m !== null && (m as { channel?: unknown }).channel === CHANNEL;
}

/** Anything that carries messages both ways (a cluster worker, or a child process in the tests). */
export type Port = { send(message: unknown): unknown; isConnected?(): boolean };

/**
 * The primary's side: answers one worker's message from the shared store. `reply` is the worker
 * that sent it; a worker that has gone meanwhile gets nothing (its waiters are gone with it).
 */
export function pageStoreHandler(store: PageStore<WireEntry> = memoryPageStore<WireEntry>()) {
  return (reply: Port, message: unknown): void => {
    if (!isMessage<ToPrimary>(message)) return;
    switch (message.op) {
      case "claim":
        void store.claim(message.key).then((entry) => {
          if (reply.isConnected?.() === false) return;
          const answer: ToWorker = { channel: CHANNEL, id: message.id, entry };
          reply.send(answer);
        });
        return;
      case "fill":
        store.fill(message.key, message.entry);
        return;
      case "abandon":
        store.abandon(message.key);
    }
  };
}

/** In the primary: keep the workers' practice pages (scripts/serve.ts). */
export function servePagesToWorkers(): void {
  const handle = pageStoreHandler();
  cluster.on("message", (worker, message) => handle(worker, message));
}

/** Claim ids, unique in this process: every store on one channel sees every reply and takes only its own. */
let claims = 0;

/**
 * A worker's store: every call goes to the primary. An unanswered claim (the primary is busy
 * beyond the wait, or gone) renders the page here rather than hold the student.
 */
export function primaryPageStore(port: Port & { on(event: "message", listener: (m: unknown) => void): unknown } = processPort()): PageStore {
  const pending = new Map<string, (entry: Entry | null) => void>();
  port.on("message", (message) => {
    if (!isMessage<ToWorker>(message)) return;
    const wake = pending.get(message.id);
    pending.delete(message.id);
    wake?.(message.entry && fromWire(message.entry));
  });
  const send = (message: ToPrimary) => {
    try {
      port.send(message);
      return true;
    } catch {
      return false;
    }
  };
  return {
    claim(key) {
      return new Promise((resolve) => {
        const id = String((claims = (claims + 1) % Number.MAX_SAFE_INTEGER));
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(null);
        }, WAIT_MS + 1000);
        timer.unref?.();
        pending.set(id, (entry) => {
          clearTimeout(timer);
          resolve(entry);
        });
        if (!send({ channel: CHANNEL, op: "claim", id, key })) {
          clearTimeout(timer);
          pending.delete(id);
          resolve(null);
        }
      });
    },
    fill(key, entry) {
      send({ channel: CHANNEL, op: "fill", key, entry: toWire(entry) });
    },
    abandon(key) {
      send({ channel: CHANNEL, op: "abandon", key });
    },
  };
}

function processPort(): Port & { on(event: "message", listener: (m: unknown) => void): unknown } {
  if (!process.send) throw new Error("primaryPageStore: this process has no IPC channel (not a cluster worker)");
  return { send: (m) => process.send!(m), on: (event, listener) => process.on(event, listener) };
}
