/**
 * A stand-in for the server's primary in page-store-cluster.test.ts: a real child process that
 * answers the workers' page-store messages over Node's IPC channel, as scripts/serve.ts does.
 */
import { pageStoreHandler, type Port } from "./page-store-cluster";

const handle = pageStoreHandler();
const port: Port = { send: (m) => process.send!(m), isConnected: () => process.connected };
process.on("message", (message) => handle(port, message));
process.on("disconnect", () => process.exit(0));
process.send!("ready");
