import { readdirSync, readFileSync } from 'node:fs';
import { processTree } from './process-tree';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the full line, 12 and 13 after the command name.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** Local PostgreSQL servers: `postgres` processes whose parent is not one (the postmasters). */
function postmasterPids(): number[] {
  const comm = new Map<number, { name: string; ppid: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      comm.set(Number(entry), { name, ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) });
    } catch {
      // gone
    }
  }
  return [...comm].filter(([, p]) => p.name === 'postgres' && comm.get(p.ppid)?.name !== 'postgres').map(([pid]) => pid);
}

export interface CpuShare {
  /** Cores in use on average, per consumer, over the measured interval. */
  server: number;
  loadGenerator: number;
  postgres: number;
  other: number;
  machineBusyPct: number;
}

/**
 * Where the CPU went during a scenario: the app server, this process (the load generator), PostgreSQL
 * (every backend, including other users of the same server) and everything else on the machine.
 */
export function cpuMeter(serverPid: number | undefined) {
  const postmasters = postmasterPids();
  const snapshot = () => ({
    at: performance.now(),
    machine: machineTicks(),
    server: serverPid ? processTree(serverPid).reduce((sum, pid) => sum + processTicks(pid), 0) : 0,
    self: processTicks(process.pid),
    postgres: postmasters.flatMap(processTree).reduce((sum, pid) => sum + processTicks(pid), 0),
  });
  const start = snapshot();
  return (): CpuShare => {
    const end = snapshot();
    const seconds = (end.at - start.at) / 1000;
    const cores = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
    const busy = end.machine.busy - start.machine.busy;
    const server = cores(end.server - start.server);
    const loadGenerator = cores(end.self - start.self);
    const postgres = cores(end.postgres - start.postgres);
    return {
      server,
      loadGenerator,
      postgres,
      other: Math.max(0, Math.round((cores(busy) - server - loadGenerator - postgres) * 100) / 100),
      machineBusyPct: Math.round((busy / Math.max(1, end.machine.total - start.machine.total)) * 100),
    };
  };
}
