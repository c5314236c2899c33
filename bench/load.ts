/**
 * Load on loopback with autocannon (as a library). Latencies are collected per response from
 * autocannon's own 'response' events (sub-millisecond; its histogram keeps whole milliseconds),
 * throughput is the completed responses over the measured time.
 */
import autocannon from 'autocannon';
import { summarise, Summary } from './stats';

export interface LoadResult {
  connections: number;
  seconds: number;
  responses: number;
  ok: number;
  /** Share of 2xx answers among all answers. */
  okShare: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  rps: number;
  latency: Summary;
}

export interface Chain {
  id: number;
  version: number;
  n: number;
}

interface Run {
  url: string;
  connections: number;
  /** Measured time; autocannon counts whole seconds. */
  seconds: number;
  /** Instead of a time: this many requests (the smoke run; far below a second). */
  amount?: number;
  headers: Record<string, string>;
  requests: autocannon.Request[];
  /** Called per response with the client it came from (to group page loads). */
  onResponse?: (client: object, status: number, ms: number) => void;
}

export async function load(run: Run): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolveRun, rejectRun) => {
    finish = resolveRun;
    fail = rejectRun;
  });
  const instance = autocannon({
    url: run.url,
    connections: run.connections,
    ...(run.amount ? { amount: Math.max(run.amount, run.connections) } : { duration: run.seconds }),
    pipelining: 1,
    timeout: 30,
    headers: run.headers,
    requests: run.requests,
    // Stop (and sample) every 100 ms, not every second: short smoke runs end when they are done.
    sampleInt: 100,
  } as autocannon.Options, (error, result) => (error ? fail(error as Error) : finish(result)));
  instance.on('response', (client: object, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
    run.onResponse?.(client, status, ms);
  });
  const result = await done;
  const seconds = Math.max(0.001, (performance.now() - started) / 1000);
  const ok = Object.entries(statuses).filter(([s]) => s.startsWith('2')).reduce((a, [, n]) => a + n, 0);
  return {
    connections: run.connections,
    seconds,
    responses: latencies.length,
    ok,
    okShare: latencies.length ? ok / latencies.length : 0,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: ok / (run.amount ? seconds : result.duration || seconds),
    latency: summarise(latencies),
  };
}

/**
 * Concurrent workpaper saves where every request is a real save: a pool of workpaper chains,
 * one per connection; a request takes a chain that is not in flight, saves it with the version
 * the previous save of that chain returned, and gives it back with the new version.
 */
export function chainedSaves(options: {
  chains: Chain[];
  path: (chain: Chain) => string;
  body: (chain: Chain) => unknown;
}): { requests: autocannon.Request[]; conflicts: () => number } {
  const free = [...options.chains];
  let conflicts = 0;
  const request: autocannon.Request = {
    method: 'PUT',
    setupRequest: (req, context) => {
      const chain = free.pop() ?? options.chains[Math.floor(Math.random() * options.chains.length)]!;
      (context as { chain?: Chain }).chain = chain;
      chain.n += 1;
      return { ...req, method: 'PUT', path: options.path(chain), body: JSON.stringify(options.body(chain)) };
    },
    onResponse: (status, body, context) => {
      const chain = (context as { chain?: Chain }).chain;
      if (!chain) return;
      try {
        const parsed = JSON.parse(body) as { version?: number; details?: { currentVersion?: number } };
        if (status === 200 && typeof parsed.version === 'number') chain.version = parsed.version;
        if (status === 409) {
          conflicts += 1;
          if (typeof parsed.details?.currentVersion === 'number') chain.version = parsed.details.currentVersion;
        }
      } catch {
        // not JSON (the floor answers {ok:true}; errors are counted by status)
      }
      free.push(chain);
    },
  };
  return { requests: [request], conflicts: () => conflicts };
}
