/**
 * Peak resident memory of the server process (and, for the report phases, of the Chromium it
 * started) while one measurement runs. Linux /proc: VmRSS is sampled every few milliseconds, and
 * the kernel's own high-water mark (VmHWM, reset through clear_refs at the start of the phase)
 * catches peaks between two samples. Chromium's processes are summed by PSS (proportional set
 * size: a page shared by n processes counts 1/n in each), so the sum is what they really hold.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const MB = 1024 * 1024;

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Proportional set size of a process (smaps_rollup), RSS where that cannot be read. */
function pss(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const match = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (match) return Number(match[1]) * 1024;
  } catch {
    // fall through
  }
  return statusField(pid, 'VmRSS');
}

/** Every process below `pid` (children, grandchildren …). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid … — comm may contain spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(name), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const frontier = [pid];
  while (frontier.length) {
    const parent = frontier.pop()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        out.push(child);
        frontier.push(child);
      }
    }
  }
  return out;
}

export interface MemoryPeak {
  /** The server's Node process. */
  serverMb: number;
  /** The processes it started (Chromium), PSS summed; 0 when not sampled. */
  childrenMb: number;
  /** Peak of the sum of both at one sample. */
  totalMb: number;
}

export class MemorySampler {
  private timer: NodeJS.Timeout | null = null;
  private childTimer: NodeJS.Timeout | null = null;
  private server = 0;
  private children = 0;
  private total = 0;
  private lastChildren = 0;
  private hwmReset = false;

  constructor(private readonly pid: number) {}

  start(options: { children?: boolean; intervalMs?: number } = {}): void {
    this.server = this.children = this.total = this.lastChildren = 0;
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      this.hwmReset = true;
    } catch {
      this.hwmReset = false;
    }
    const sample = () => {
      const rss = statusField(this.pid, 'VmRSS');
      this.server = Math.max(this.server, rss);
      this.total = Math.max(this.total, rss + this.lastChildren);
    };
    sample();
    this.timer = setInterval(sample, options.intervalMs ?? 10);
    if (options.children) {
      const sampleChildren = () => {
        this.lastChildren = descendants(this.pid).reduce((sum, pid) => sum + pss(pid), 0);
        this.children = Math.max(this.children, this.lastChildren);
      };
      sampleChildren();
      this.childTimer = setInterval(sampleChildren, 100);
    }
  }

  stop(): MemoryPeak {
    if (this.timer) clearInterval(this.timer);
    if (this.childTimer) clearInterval(this.childTimer);
    this.timer = this.childTimer = null;
    if (this.hwmReset) this.server = Math.max(this.server, statusField(this.pid, 'VmHWM'));
    return { serverMb: this.server / MB, childrenMb: this.children / MB, totalMb: Math.max(this.total, this.server) / MB };
  }
}
