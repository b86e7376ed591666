/** A real node:http server on 127.0.0.1 (port 0) for remote JWKS tests: swappable handler, request log, hard close. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every request seen, in order. */
  readonly requests: { url: string; headers: IncomingMessage['headers'] }[];
  /** Replace the handler. */
  handle(fn: Handler): void;
  /** Destroy every connection and stop listening. */
  close(): Promise<void>;
}

export async function startServer(initial?: Handler): Promise<TestServer> {
  let handler: Handler = initial ?? ((_req, res) => res.writeHead(404).end());
  const requests: TestServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return {
    origin: `http://127.0.0.1:${addr.port}`,
    requests,
    handle(fn) {
      handler = fn;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A handler serving `body()` as JSON with extra headers. */
export function json(body: () => unknown, headers: Record<string, string> = {}, delayMs = 0): Handler {
  return (_req, res) => {
    const send = () => res.writeHead(200, { 'content-type': 'application/jwk-set+json', ...headers }).end(JSON.stringify(body()));
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };
}
