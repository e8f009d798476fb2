// In front of Probot's webhook middleware. Probot 14 (through @octokit/webhooks) reads
// any POST body whole into memory before checking its signature, and logs the payload of
// a delivery it rejects: 60 forged 25 MB POSTs took the process to 1.9 GB and wrote 524 MB
// of log. Here, for POSTs to the webhook path:
//  - without the headers GitHub always sends (event, delivery, a well-formed sha256
//    signature, JSON content) -> 400/415 before a byte of the body is read;
//  - with a Content-Length over 25 MB (GitHub's cap) -> 413, the connection closed unread;
//  - otherwise the body is read into one buffer of its declared size, within a time limit
//    and within a budget of bytes held at once by all deliveries being checked (a request
//    waits a few seconds for room, then gets 429);
//  - the signature is checked on those bytes; a mismatch -> 400 and one log line (delivery
//    id, size), never the payload;
//  - only a signed body goes on to Probot, as a string it does not read again.
// Installed by wrapping the app's getNodeMiddleware, which both `probot run` (its Server)
// and createNodeMiddleware call after loading the app, so the guard sits in front either way.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Probot } from 'probot';
import { limits } from './limits.js';
import type { Metrics } from './metrics.js';
import type { Services } from './services.js';
import { deliveryScope } from './work.js';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => Promise<boolean> | boolean;

const SIGNATURE_RE = /^sha256=[0-9a-f]{64}$/i;
const JSON_RE = /^\s*application\/json\s*(?:;|$)/i;
const DEFAULT_PATH = '/api/github/webhooks';
const NOT_STORED = JSON.stringify({ error: 'the work could not be stored; redeliver later' });

export interface GuardOptions {
  path: string;
  /** Checks a signature on the raw bytes; false when it does not match. */
  verify: (body: Buffer, signature: string) => Promise<boolean>;
  log: { warn(obj: object, message: string): void };
  metrics: Metrics;
  budget: ByteBudget;
  /** A worker replica (TRULY_OPEN_ROLE=worker with REDIS_URL) takes no webhooks: 404. */
  workerOnly?: boolean;
}

export function guardWebhooks(app: Probot, svc: Services): void {
  const original = app.getNodeMiddleware.bind(app);
  const budget = new ByteBudget(limits.webhookBufferBudget);
  const verify = signatureChecker(app);
  app.getNodeMiddleware = async (options: Parameters<Probot['getNodeMiddleware']>[0] = {}) => {
    const inner = await original(options);
    const path = options.path ?? process.env.WEBHOOK_PATH ?? DEFAULT_PATH;
    const workerOnly = svc.work !== null && svc.role === 'worker';
    return createGuard(inner as NodeHandler, {
      path,
      verify,
      log: app.log,
      metrics: svc.metrics,
      budget,
      workerOnly,
    }) as unknown as Awaited<ReturnType<Probot['getNodeMiddleware']>>;
  };
}

/**
 * Verifies on raw bytes. When WEBHOOK_SECRET (what `probot run` uses) is the app's secret,
 * which is checked once by signing a probe both ways, the HMAC runs over the buffer; else
 * through Probot's verify, which needs the text.
 */
function signatureChecker(app: Probot): (body: Buffer, signature: string) => Promise<boolean> {
  let secret: Promise<string | null> | null = null;
  const knownSecret = async (): Promise<string | null> => {
    const candidate = process.env.WEBHOOK_SECRET;
    if (!candidate) return null;
    const probe = 'truly-open secret probe';
    const theirs = await app.webhooks.sign(probe).catch(() => '');
    return theirs === `sha256=${createHmac('sha256', candidate).update(probe).digest('hex')}` ? candidate : null;
  };
  return async (body, signature) => {
    secret ??= knownSecret();
    const key = await secret;
    if (key === null) return app.webhooks.verify(body.toString('utf8'), signature).catch(() => false);
    const expected = Buffer.from(`sha256=${createHmac('sha256', key).update(body).digest('hex')}`);
    const given = Buffer.from(signature.toLowerCase());
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
}

export function createGuard(inner: NodeHandler, options: GuardOptions): NodeHandler {
  const path = normalisePath(options.path);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return async (req, res, next) => {
    if (req.method !== 'POST' || normalisePath((req.url ?? '').split('?')[0] ?? '') !== path)
      return inner(req, res, next);
    const delivery = header(req, 'x-github-delivery');
    const event = header(req, 'x-github-event');
    const signature = header(req, 'x-hub-signature-256');
    const refuse = (status: number, error: string, reason: string, close: boolean, bytes?: number): boolean => {
      options.metrics.inc('truly_open_webhooks_refused_total', { reason, status: String(status) });
      options.log.warn(
        {
          reason,
          status,
          delivery: delivery?.slice(0, 64) ?? null,
          event: event?.slice(0, 64) ?? null,
          ...(bytes !== undefined ? { bytes } : {}),
        },
        `truly-open: webhook refused (${reason})`,
      );
      const body = JSON.stringify({ error });
      // Closing spares reading a body nobody wants (over the cap, or no room for it).
      res
        .writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(close ? { connection: 'close' } : {}),
        })
        .end(body);
      return true;
    };

    const declared = contentLength(req);
    if (options.workerOnly)
      return refuse(
        404,
        'this replica runs queued work only; send webhooks to a web replica',
        'worker-role',
        declared === null,
      );
    if (declared !== null && declared > limits.webhookMaxBytes)
      return refuse(413, `payload over ${limits.webhookMaxBytes} bytes`, 'too-large', true);
    // Answered before a byte of the body is read. A declared body (at most 25 MB here) is
    // then drained by Node without being kept, so the client reads a clean answer; one
    // without a length is cut off.
    if (!event || !delivery || !signature)
      return refuse(
        400,
        'required headers missing: x-github-event, x-github-delivery, x-hub-signature-256',
        'unsigned',
        declared === null,
      );
    if (!SIGNATURE_RE.test(signature))
      return refuse(400, 'malformed x-hub-signature-256', 'unsigned', declared === null);
    if (!JSON_RE.test(header(req, 'content-type') ?? ''))
      return refuse(415, 'Content-Type must be application/json', 'content-type', declared === null);

    const release = await options.budget.reserve(declared ?? limits.webhookMaxBytes, limits.webhookBudgetWaitMs);
    if (!release) return refuse(429, 'too many large deliveries at once; try again', 'busy', true);
    let released = false;
    const free = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    res.once('close', free);
    try {
      const read = await readBody(req, declared, limits.webhookMaxBytes, limits.webhookReadTimeoutMs);
      if ('error' in read) {
        if (read.error === 'aborted') {
          free();
          return true;
        }
        return read.error === 'too-large'
          ? refuse(413, `payload over ${limits.webhookMaxBytes} bytes`, 'too-large', true, read.bytes)
          : refuse(408, 'payload not received in time', 'timeout', true, read.bytes);
      }
      const ok = await options.verify(read.body, signature).catch(() => false);
      if (!ok)
        return refuse(
          400,
          'signature does not match event payload and secret',
          'bad-signature',
          false,
          read.body.length,
        );
      let text: string;
      try {
        text = decoder.decode(read.body);
      } catch {
        return refuse(400, 'payload is not UTF-8', 'not-utf8', false, read.body.length);
      }
      // Probot's middleware takes a string body as the payload and does not read the stream.
      (req as IncomingMessage & { body?: string }).body = text;
      options.metrics.inc('truly_open_webhooks_accepted_total');
      // A handler that could not store its work (Redis away) marks the scope: answer 503,
      // never 2xx for work that is not stored (GitHub can then redeliver it).
      const scope = { notStored: false };
      const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.writeHead = ((status: number, ...rest: unknown[]) =>
        scope.notStored && status < 300
          ? writeHead(503, { 'content-type': 'application/json', 'retry-after': '30' })
          : writeHead(status, ...rest)) as typeof res.writeHead;
      res.end = ((...args: unknown[]) =>
        scope.notStored && res.statusCode === 503 ? end(NOT_STORED) : end(...args)) as typeof res.end;
      return await deliveryScope.run(scope, () => inner(req, res, next));
    } finally {
      if (res.writableEnded) free();
    }
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function contentLength(req: IncomingMessage): number | null {
  const raw = header(req, 'content-length');
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

function normalisePath(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

type ReadResult = { body: Buffer } | { error: 'too-large' | 'timeout' | 'aborted'; bytes: number };

/** The body in one buffer (its declared size when known), at most `max` bytes, within `timeoutMs`. */
function readBody(req: IncomingMessage, declared: number | null, max: number, timeoutMs: number): Promise<ReadResult> {
  return new Promise((resolve) => {
    const fixed = declared !== null ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: ReadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      if (!('body' in result)) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > max || (fixed && size + chunk.length > fixed.length)) {
        finish({ error: 'too-large', bytes: size + chunk.length });
        return;
      }
      if (fixed) chunk.copy(fixed, size);
      else chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = () => finish({ body: fixed ? fixed.subarray(0, size) : Buffer.concat(chunks, size) });
    const onAbort = () => finish({ error: 'aborted', bytes: size });
    const timer = setTimeout(() => finish({ error: 'timeout', bytes: size }), timeoutMs);
    timer.unref?.();
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
  });
}

/** Bytes held at once; a reservation waits (FIFO) up to a time limit for room. */
export class ByteBudget {
  #used = 0;
  readonly #waiting: { bytes: number; grant: (release: (() => void) | null) => void }[] = [];
  constructor(readonly capacity: number) {}

  get used(): number {
    return this.#used;
  }

  /** A release function, or null when no room came within `waitMs`. */
  reserve(bytes: number, waitMs: number): Promise<(() => void) | null> {
    const need = Math.min(bytes, this.capacity);
    if (this.#waiting.length === 0 && this.#used + need <= this.capacity) return Promise.resolve(this.#take(need));
    return new Promise((resolve) => {
      const waiter = {
        bytes: need,
        grant: (release: (() => void) | null) => {
          clearTimeout(timer);
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        const at = this.#waiting.indexOf(waiter);
        if (at !== -1) this.#waiting.splice(at, 1);
        resolve(null);
      }, waitMs);
      timer.unref?.();
      this.#waiting.push(waiter);
    });
  }

  #take(bytes: number): () => void {
    this.#used += bytes;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.#used -= bytes;
      while (this.#waiting.length > 0 && this.#used + this.#waiting[0]!.bytes <= this.capacity) {
        const next = this.#waiting.shift()!;
        next.grant(this.#take(next.bytes));
      }
    };
  }
}
