import type { Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import type { Turns } from "./turns.js";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const TERMINATE = "X".charCodeAt(0);
// ReadyForQuery with the status "idle": the client is between transactions.
const READY_IDLE = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
// A client that holds the turn (inside a transaction) and stays silent this long is cut off: the
// server's own queries wait for it.
const HOLD_IDLE_MS = 30_000;

/** The length of the next whole message in `buffer`, or null. The start-up messages have no type byte. */
function nextMessageLength(buffer: Buffer, started: boolean): number | null {
  if (buffer.length < (started ? 5 : 8)) return null;
  const length = started ? 1 + buffer.readInt32BE(1) : buffer.readInt32BE(0);
  return buffer.length >= length ? length : null;
}

/**
 * Serves one client connection on the embedded database. Its messages run on PGlite one at a time;
 * from its first message until PGlite answers that it is idle again (ReadyForQuery "I": no
 * transaction open, no batch half-run) the connection holds the turn, so neither the server's
 * queries nor another client's come in between. Settles once the connection is closed and what it
 * left in the one PGlite session (an open transaction, prepared statements) is cleared.
 */
export function serveConnection(socket: Socket, pglite: PGlite, turns: Turns): Promise<void> {
  let buffer = Buffer.alloc(0);
  let started = false;
  let release: (() => void) | null = null;
  let work = Promise.resolve();

  const takeTurn = async () => {
    release ??= await turns.acquire();
    socket.setTimeout(HOLD_IDLE_MS);
  };
  const giveUpTurn = () => {
    socket.setTimeout(0);
    release?.();
    release = null;
  };

  const run = async (message: Uint8Array, answer: (data: Uint8Array) => void) => {
    let tail = Buffer.alloc(0);
    await pglite.runExclusive(() =>
      pglite.execProtocolRawStream(message, {
        onRawData: (data) => {
          answer(data);
          tail = Buffer.concat([tail, data]).subarray(-READY_IDLE.length);
        },
      }),
    );
    return tail;
  };

  const drain = async () => {
    for (let length = nextMessageLength(buffer, started); length !== null; length = nextMessageLength(buffer, started)) {
      const message = Uint8Array.from(buffer.subarray(0, length));
      buffer = buffer.subarray(length);
      if (socket.destroyed) return;
      if (!started) {
        const code = Buffer.from(message).readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          socket.write("N");
          continue;
        }
        started = true;
      } else if (message[0] === TERMINATE) {
        socket.end();
        return;
      }
      await takeTurn();
      // Copied: PGlite hands out views of its own memory, reused by the next message.
      const tail = await run(message, (data) => socket.write(Buffer.from(data)));
      if (tail.equals(READY_IDLE)) giveUpTurn();
    }
  };

  const clearSession = async () => {
    if (!started) return;
    await takeTurn();
    try {
      await run(SYNC, () => {});
      if (pglite.isInTransaction()) await pglite.exec("ROLLBACK");
      await pglite.exec("DEALLOCATE ALL");
    } finally {
      giveUpTurn();
    }
  };

  socket.on("data", (data) => {
    buffer = Buffer.concat([buffer, data]);
    work = work.then(drain).catch(() => void socket.destroy());
  });
  socket.on("timeout", () => socket.destroy());
  socket.on("error", () => {});
  return new Promise((resolve) => {
    socket.on("close", () => {
      work = work
        .then(clearSession)
        .catch(() => {})
        .finally(resolve);
    });
  });
}
