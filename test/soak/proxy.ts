// The network of the soak: an HTTP proxy in front of the server processes that injects the faults
// of a 2G/3G link and of a restarting server — delays, connections reset before the request
// reaches the server and after it has answered (the outcome is unknown to the phone), bodies cut
// in the middle, and 502/503 from the "load balancer". A dead upstream answers 502; a paused one
// simply never answers (the phone's own timeout fires). Requests are buffered whole both ways,
// so a fault after the answer is decided with the server's work already done.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'delay' | 'resetBefore' | 'resetAfter' | 'truncate' | 'status502' | 'status503';

/** Probability of each fault per request; the rest pass untouched. */
const FAULTS: readonly [Fault, number][] = [
  ['delay', 0.15],
  ['resetBefore', 0.06],
  ['resetAfter', 0.08],
  ['truncate', 0.06],
  ['status502', 0.03],
  ['status503', 0.03],
];

/** A server paused longer than this is abandoned by the proxy too (the phone gave up long before). */
const UPSTREAM_TIMEOUT_MS = 60_000;

export interface FaultyProxy {
  url: string;
  /** Faults injected so far, by kind. */
  faults: Record<Fault, number>;
  /** Requests forwarded so far. */
  requests: () => number;
  /** Turns the faults off (the network heals) or on. */
  setFaulty(faulty: boolean): void;
  close(): Promise<void>;
}

export async function startFaultyProxy(options: { upstreams: () => readonly number[]; random: () => number }): Promise<FaultyProxy> {
  const faults: Record<Fault, number> = { delay: 0, resetBefore: 0, resetAfter: 0, truncate: 0, status502: 0, status503: 0 };
  let faulty = true;
  let requests = 0;
  const { random } = options;

  const pickFault = (): Fault | undefined => {
    if (!faulty) return undefined;
    let roll = random();
    for (const [fault, p] of FAULTS) {
      if (roll < p) return fault;
      roll -= p;
    }
    return undefined;
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', () => response.destroy());
    request.on('end', () => {
      requests += 1;
      const fault = pickFault();
      if (fault) faults[fault] += 1;
      const body = Buffer.concat(chunks);
      const go = () => {
        if (fault === 'resetBefore') {
          request.socket.destroy();
          return;
        }
        if (fault === 'status502' || fault === 'status503') {
          const status = fault === 'status502' ? 502 : 503;
          const headers: Record<string, string> = { 'content-type': 'application/json', ...(status === 503 ? { 'retry-after': '1' } : {}) };
          response.writeHead(status, headers).end(JSON.stringify({ error: { code: 'unavailable', message: 'proxy fault' } }));
          return;
        }
        forward(request, body, options.upstreams(), random, (status, headers, answer) => {
          if (request.socket.destroyed) return; // the phone gave up (its timeout)
          if (fault === 'resetAfter') {
            request.socket.destroy();
            return;
          }
          response.writeHead(status, headers);
          if (fault === 'truncate' && answer.length > 1) {
            // Headers (with the full content-length) and half the body, then the line drops.
            response.write(answer.subarray(0, Math.floor(answer.length / 2)), () => request.socket.destroy());
            return;
          }
          response.end(answer);
        });
      };
      if (fault === 'delay') setTimeout(go, 50 + Math.floor(random() * 1500));
      else go();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    requests: () => requests,
    setFaulty: (value) => {
      faulty = value;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Answer = (status: number, headers: http.OutgoingHttpHeaders, body: Buffer) => void;

/** Forwards to one upstream picked at random; a dead one answers 502, like a load balancer. */
function forward(request: http.IncomingMessage, body: Buffer, upstreams: readonly number[], random: () => number, reply: Answer): void {
  let answered = false;
  const answer: Answer = (...args) => {
    if (answered) return;
    answered = true;
    reply(...args);
  };
  const port = upstreams[Math.floor(random() * upstreams.length)];
  const badGateway = () => answer(502, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ error: { code: 'unavailable', message: 'upstream down' } })));
  if (port === undefined) return badGateway();
  const headers = { ...request.headers, host: `127.0.0.1:${port}`, 'content-length': String(body.length) };
  const upstream = http.request({ host: '127.0.0.1', port, method: request.method, path: request.url, headers, timeout: UPSTREAM_TIMEOUT_MS }, (incoming) => {
    const parts: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => parts.push(chunk));
    incoming.on('end', () => {
      const replyHeaders = { ...incoming.headers };
      delete replyHeaders.connection;
      delete replyHeaders['transfer-encoding'];
      const whole = Buffer.concat(parts);
      answer(incoming.statusCode ?? 502, { ...replyHeaders, 'content-length': String(whole.length) }, whole);
    });
    incoming.on('error', badGateway);
  });
  upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
  upstream.on('error', badGateway);
  upstream.end(body);
}
