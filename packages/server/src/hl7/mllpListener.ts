import net from 'node:net';
import { frame, MllpDecoder } from './mllpFrames';

export interface MllpListenerOptions {
  port: number;
  host: string;
  maxMessageBytes: number;
  idleTimeoutMs: number;
  /** Handles one message and returns the ACK text; called one message at a time per connection, in order. */
  onMessage: (text: string) => Promise<string>;
  /** The ACK for a frame over the size limit (nothing of it was read). */
  tooLarge: (bytes: number) => string;
  /** Failures (never patient data: the message text is not passed). */
  onError?: (err: unknown) => void;
}

export interface MllpListener {
  port: number;
  /** Stops accepting, lets each connection finish the message it is handling (its ACK is sent), then closes. */
  close(): Promise<void>;
}

/**
 * The MLLP listener (HL7 MLLP Release 2): one TCP server; per connection a frame decoder and a queue, so that
 * messages are handled and acknowledged in the order they arrived (HL7 v2.5.1 Chapter 2, section 2.9: the sender
 * waits for the ACK of a message before the next, but a pipelining sender is served in order too). A message that
 * fails in the handler gets no ACK (the sender resends it): a transient failure must not look like a refusal.
 */
export async function startMllpListener(opts: MllpListenerOptions): Promise<MllpListener> {
  const sockets = new Set<net.Socket>();
  const busy = new Map<net.Socket, Promise<void>>();
  let closing = false;
  const server = net.createServer((socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    const decoder = new MllpDecoder(opts.maxMessageBytes);
    let chain = Promise.resolve();
    socket.setTimeout(opts.idleTimeoutMs, () => socket.end());
    socket.on('data', (chunk: Buffer) => {
      if (closing) return; // stopping: what was not acknowledged is sent again by the sender
      for (const event of decoder.push(chunk)) {
        chain = chain.then(async () => {
          if (socket.destroyed) return;
          try {
            const ack =
              event.kind === 'message'
                ? await opts.onMessage(event.payload.toString('utf8'))
                : opts.tooLarge(event.bytes);
            if (!socket.destroyed) socket.write(frame(ack));
          } catch (err) {
            opts.onError?.(err);
            socket.destroy();
          }
        });
        busy.set(socket, chain);
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      busy.delete(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : opts.port,
    close: async () => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...busy.values()]);
      for (const s of sockets) s.end();
      for (const s of sockets) s.destroy();
      await stopped;
    },
  };
}
