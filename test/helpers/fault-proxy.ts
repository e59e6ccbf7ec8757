/**
 * A loopback-only HTTP proxy in front of moto that injects AWS faults moto does not produce by
 * itself: an AWS error answer (EC2's `<Response><Errors>…` or the query protocol's
 * `<ErrorResponse>…` for STS/IAM) for chosen requests, the endpoint going away (the listening
 * socket closes and every open connection is dropped, so that later connects are refused), or an
 * endpoint that hangs (a request is read and never answered).
 *
 * Requests are told apart by service (the SigV4 credential scope: `ec2`, `sts`, `iam`, `s3`, …)
 * and action (`Action=…` of a form-encoded query-protocol body or query string, or the
 * `X-Amz-Target` header of a JSON-protocol request). Everything that no rule picks is passed
 * through to the target untouched, in both directions.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

const HOST = '127.0.0.1';

/** An AWS error answer. */
export interface InjectedError {
  /** The AWS error code, e.g. `AddressLimitExceeded`, `AuthFailure`, `ExpiredToken`. */
  code: string;
  /** @default a message naming the code */
  message?: string;
  /** HTTP status. @default 400 */
  status?: number;
}

/** What a rule does to the requests it picks. */
export type Fault =
  | { error: InjectedError }
  /**
   * Close the listening socket and drop every connection; this request gets no answer. With
   * `afterTarget`, the request reaches the target first and only its answer is lost (AWS did it,
   * the caller never heard).
   */
  | { goAway: true; afterTarget?: boolean }
  /** Never answer: the request waits until its caller gives up or the proxy stops. */
  | { hang: true };

/** Picks requests and says what to do with them. */
export type FaultRule = {
  /** Service of the credential scope (`ec2`, `sts`, `iam`, `s3`…); any when absent. */
  service?: string;
  /** The request's action (`AllocateAddress`, `GetCallerIdentity`); any when absent. */
  action?: string;
  /**
   * A part of the User-Agent (case-insensitive), to tell callers apart: `terraform-provider-aws`
   * for terraform's provider, `aws-sdk-js` for net-wizard's own SDK calls; any when absent.
   */
  userAgent?: string;
  /** Fault only the Nth matching request (1-based); every matching one when absent. */
  nth?: number;
  /** With `nth`: fault this many matching requests from the Nth on. @default 1 */
  times?: number;
} & Fault;

/** One request the proxy saw. */
export interface ProxiedRequest {
  /** 1-based, since the start or the last clearRequests(). */
  seq: number;
  method: string;
  path: string;
  service?: string;
  action?: string;
  userAgent: string;
  /** What the proxy did: passed it on (with the target's status), answered an error, or went away. */
  outcome: { passed: number } | { injected: string; status: number } | { goneAway: true; targetStatus?: number } | { hung: true } | { failed: string };
}

export interface StartFaultProxyOptions {
  /** Where requests go: moto's endpoint, e.g. `http://127.0.0.1:5000`. Must be loopback. */
  target: string;
  rules?: FaultRule[];
}

/** A running fault proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: give this as `--endpoint`. */
  readonly url: string;
  readonly port: number;
  /** Every request so far, in order. */
  readonly requests: readonly ProxiedRequest[];
  /** The requests that got an injected error, made the proxy go away, or hang. */
  readonly injected: readonly ProxiedRequest[];
  /** Whether the proxy is listening (false after it went away, until comeBack()). */
  readonly listening: boolean;
  /** Requests passed on to the target whose answer has not yet reached the caller whole. */
  readonly inFlight: number;
  /** Replace the rules; each new rule counts its matches from zero. */
  setRules(rules: FaultRule[]): void;
  /** Headers added to every request passed on (e.g. moto's `x-moto-account-id`: the same emulator as another account). */
  setHeaders(headers: Record<string, string>): void;
  /** Forget the requests seen so far. */
  clearRequests(): void;
  /** Close the listening socket and drop every open connection now. */
  goAway(): Promise<void>;
  /** Listen again on the same port (after goAway or a goAway rule). */
  comeBack(): Promise<void>;
  /** Resolves once the proxy has gone away (by a rule or goAway()). */
  goneAway(): Promise<void>;
  /** Stop for good. */
  stop(): Promise<void>;
}

interface ArmedRule {
  rule: FaultRule;
  matches: number;
}

/** Starts the proxy on a free loopback port. */
export async function startFaultProxy(options: StartFaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  if (!isLoopback(target.hostname)) throw new Error(`fault proxy: the target must be on loopback, not ${target.hostname}`);
  const targetPort = Number(target.port || 80);

  let armed: ArmedRule[] = arm(options.rules ?? []);
  let extraHeaders: Record<string, string> = {};
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let stopped = false;
  let goneAwayWaiters: (() => void)[] = [];
  let wentAway = false;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const service = serviceOf(req);
      const action = actionOf(req, body);
      const userAgent = String(req.headers['user-agent'] ?? '');
      const entry: ProxiedRequest = { seq: requests.length + 1, method: req.method ?? 'GET', path: req.url ?? '/', service, action, userAgent, outcome: { passed: 0 } };
      requests.push(entry);
      const fault = pick(armed, entry);
      if (fault && 'hang' in fault) {
        entry.outcome = { hung: true };
        return;
      }
      if (fault && 'goAway' in fault) {
        entry.outcome = { goneAway: true };
        if (!fault.afterTarget) {
          void shutDown();
          return;
        }
        sendOn(req, body, (status) => {
          entry.outcome = { goneAway: true, targetStatus: status };
          void shutDown();
        });
        return;
      }
      if (fault) {
        const status = fault.error.status ?? 400;
        entry.outcome = { injected: fault.error.code, status };
        const xml = errorXml(service, fault.error);
        res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': randomUUID() });
        res.end(xml);
        return;
      }
      forward(req, body, res, entry);
    });
  };

  /** Send the request on to the target; `onAnswer` gets its answer (or the error). */
  const sendOn = (req: IncomingMessage, body: Buffer, onAnswer: (status: number, up?: IncomingMessage, error?: Error) => void) => {
    const headers = { ...req.headers, ...extraHeaders };
    // The body was read whole: send it with its real length.
    delete headers['transfer-encoding'];
    if (req.method !== 'GET' && req.method !== 'HEAD') headers['content-length'] = String(body.length);
    const upstream = httpRequest({ host: target.hostname, port: targetPort, method: req.method, path: req.url, headers, timeout: 120_000 }, (up) => {
      onAnswer(up.statusCode ?? 0, up);
      if (up.listenerCount('data') === 0) up.resume();
    });
    upstream.on('timeout', () => upstream.destroy(new Error('target did not answer in time')));
    upstream.on('error', (e) => onAnswer(0, undefined, e));
    upstream.end(body);
  };

  let inFlight = 0;
  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse, entry: ProxiedRequest) => {
    inFlight += 1;
    res.once('close', () => (inFlight -= 1));
    sendOn(req, body, (status, up, error) => {
      if (up) {
        entry.outcome = { passed: status };
        res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
        up.pipe(res);
        up.on('error', () => res.destroy());
        return;
      }
      entry.outcome = { failed: error?.message ?? 'no answer' };
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`fault proxy: target ${options.target} failed: ${error?.message ?? 'no answer'}`);
      } else res.destroy();
    });
  };

  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      const srv = createServer(handle);
      srv.keepAliveTimeout = 5_000;
      srv.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      srv.once('error', reject);
      srv.listen(on, HOST, () => {
        srv.off('error', reject);
        const addr = srv.address();
        port = typeof addr === 'object' && addr ? addr.port : on;
        server = srv;
        resolve();
      });
    });

  const shutDown = async () => {
    const srv = server;
    server = undefined;
    if (!wentAway) {
      wentAway = true;
      for (const w of goneAwayWaiters) w();
      goneAwayWaiters = [];
    }
    if (!srv) return;
    const closed = new Promise<void>((resolve) => srv.close(() => resolve()));
    for (const s of sockets) s.destroy();
    sockets.clear();
    await closed;
  };

  await listen(0);

  return {
    get url() {
      return `http://${HOST}:${port}`;
    },
    get port() {
      return port;
    },
    get requests() {
      return requests;
    },
    get injected() {
      return requests.filter((r) => 'injected' in r.outcome || 'goneAway' in r.outcome || 'hung' in r.outcome);
    },
    get listening() {
      return server !== undefined;
    },
    get inFlight() {
      return inFlight;
    },
    setRules(rules) {
      armed = arm(rules);
    },
    setHeaders(headers) {
      extraHeaders = { ...headers };
    },
    clearRequests() {
      requests.length = 0;
    },
    goAway: shutDown,
    async comeBack() {
      if (stopped) throw new Error('fault proxy: stopped');
      if (server) return;
      wentAway = false;
      // Another process may have taken the port meanwhile; a few tries cover a slow release.
      for (let attempt = 0; ; attempt++) {
        try {
          await listen(port);
          return;
        } catch (e) {
          if (attempt >= 20 || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    goneAway() {
      return wentAway ? Promise.resolve() : new Promise<void>((resolve) => goneAwayWaiters.push(resolve));
    },
    async stop() {
      stopped = true;
      await shutDown();
    },
  };
}

function arm(rules: FaultRule[]): ArmedRule[] {
  for (const r of rules) {
    if (r.nth !== undefined && (!Number.isInteger(r.nth) || r.nth < 1)) throw new Error(`fault proxy: nth must be 1 or more, got ${r.nth}`);
  }
  return rules.map((rule) => ({ rule, matches: 0 }));
}

/** The fault of the first rule that picks this request; every matching rule counts it. */
function pick(armed: ArmedRule[], request: Pick<ProxiedRequest, 'service' | 'action' | 'userAgent'>): Fault | undefined {
  let chosen: Fault | undefined;
  for (const a of armed) {
    const { rule } = a;
    if (rule.service !== undefined && rule.service !== request.service) continue;
    if (rule.action !== undefined && rule.action !== request.action) continue;
    if (rule.userAgent !== undefined && !request.userAgent.toLowerCase().includes(rule.userAgent.toLowerCase())) continue;
    a.matches += 1;
    const hit = rule.nth === undefined || (a.matches >= rule.nth && a.matches < rule.nth + (rule.times ?? 1));
    if (hit && !chosen) chosen = rule;
  }
  return chosen;
}

/** The service of the SigV4 credential scope: `Credential=AKID/20250101/us-east-1/ec2/aws4_request`. */
export function serviceOf(req: Pick<IncomingMessage, 'headers' | 'url'>): string | undefined {
  const auth = req.headers.authorization ?? '';
  const m = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth);
  if (m) return m[1];
  // Presigned URLs carry the scope in the query string.
  const q = new URL(req.url ?? '/', 'http://x').searchParams.get('X-Amz-Credential');
  return q?.split('/')[3];
}

/** The action: `Action=` of a query-protocol request, or the operation of `X-Amz-Target` (JSON protocols). */
export function actionOf(req: Pick<IncomingMessage, 'headers' | 'url'>, body: Buffer): string | undefined {
  const fromQuery = new URL(req.url ?? '/', 'http://x').searchParams.get('Action');
  if (fromQuery) return fromQuery;
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const action = new URLSearchParams(body.toString('utf8')).get('Action');
    if (action) return action;
  }
  const targetHeader = req.headers['x-amz-target'];
  if (typeof targetHeader === 'string') return targetHeader.split('.').at(-1);
  return undefined;
}

/** The error body the service's protocol uses: EC2's own, else the query protocol's ErrorResponse. */
export function errorXml(service: string | undefined, error: InjectedError): string {
  const code = escapeXml(error.code);
  const message = escapeXml(error.message ?? `${error.code} (injected by the test fault proxy)`);
  const id = randomUUID();
  if (service === 'ec2') {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${id}</RequestID></Response>`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
