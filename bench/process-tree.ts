import { readdirSync, readFileSync } from 'node:fs';

/** Every descendant of `root` (and root itself), from /proc: `next start` runs the server in a child process. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: fields resume after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples the resident memory of a process tree every `intervalMs`; `peak()` since the last `reset()`. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private peakTreeKb = 0;
  private peakLargestKb = 0;
  private pids: number[] = [];
  private lastTreeScan = 0;

  constructor(
    private readonly root: number,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  sample(): void {
    // Rescanning /proc every second is enough: the tree only changes at start-up.
    if (Date.now() - this.lastTreeScan > 1000) {
      this.pids = processTree(this.root);
      this.lastTreeScan = Date.now();
    }
    const sizes = this.pids.map(rssKb);
    this.peakTreeKb = Math.max(
      this.peakTreeKb,
      sizes.reduce((a, b) => a + b, 0),
    );
    this.peakLargestKb = Math.max(this.peakLargestKb, ...sizes, 0);
  }

  reset(): void {
    this.peakTreeKb = 0;
    this.peakLargestKb = 0;
  }

  peak(): { treeMb: number; serverMb: number } {
    return { treeMb: Math.round(this.peakTreeKb / 1024), serverMb: Math.round(this.peakLargestKb / 1024) };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
