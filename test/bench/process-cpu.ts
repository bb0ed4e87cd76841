// CPU time of the processes a sync bench round runs on (sync-load.ts): the server processes, and
// the PostgreSQL backends serving the bench's database. On a 2-core machine these and the load
// generator share the cores, so their CPU per round, summed, bounds the rounds/s
// (docs/performance.md "Several server processes on one PostgreSQL").
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** CPU time of one thread from its schedstat (ns), in ms; undefined when unreadable. */
function threadMs(pid: number, tid: string): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system) a process has used, all its threads, in ms; undefined when unknown
 * (not Linux, gone). Each thread's /proc/<pid>/task/<tid>/schedstat counts it in ns (the
 * process's own schedstat is its main thread only: Node's compression and GC threads would be
 * missed); /proc/<pid>/stat's utime + stime, the fallback, in 10 ms ticks — too coarse for a
 * dozen database backends over a few seconds.
 */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    let ms = 0;
    for (const thread of readdirSync(`/proc/${pid}/task`)) ms += threadMs(pid, thread) ?? 0;
    return ms;
  } catch {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the command; in clock ticks (100/s).
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return undefined;
    }
  }
}

/**
 * CPU time of a process's main thread alone (the one running its JavaScript), in ms. One Node
 * process cannot serve more rounds/s than 1 / this per round, however many cores are free.
 */
export function mainThreadMs(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : threadMs(pid, String(pid));
}

/** The sum, or undefined if any is unknown. */
export function sumDefined(values: (number | undefined)[]): number | undefined {
  return values.some((value) => value === undefined) ? undefined : values.reduce<number>((sum, value) => sum + value!, 0);
}

/**
 * The CPU of one PostgreSQL database's backends over a measured window: `snapshot` (sync, at each
 * edge of the window) reads every `postgres` process of the machine; `between` (after the window)
 * asks the server which backends serve the database and sums what each used between the two
 * snapshots (all of it for a backend opened during the window). The cluster's shared processes
 * (WAL writer, checkpointer) and the other databases' backends are left out: the machine's
 * PostgreSQL also serves other test runs. Undefined when PostgreSQL is not on this machine's /proc.
 */
export interface DatabaseCpu {
  snapshot(): Map<number, number>;
  between(start: Map<number, number>, end: Map<number, number>): Promise<number | undefined>;
}

export function databaseCpu(adminUrl: string, database: string): DatabaseCpu {
  return {
    snapshot: () => {
      const cpu = new Map<number, number>();
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        const pid = Number(entry);
        try {
          if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
        } catch {
          continue;
        }
        const used = cpuMs(pid);
        if (used !== undefined) cpu.set(pid, used);
      }
      return cpu;
    },
    between: async (start, end) => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'", [database]);
        if (rows.length === 0 || end.size === 0) return undefined;
        // A backend opened after the window's end (not in `end`) did no work inside it.
        return rows.reduce((sum, { pid }) => sum + (end.has(pid) ? end.get(pid)! - (start.get(pid) ?? 0) : 0), 0);
      } finally {
        await client.end();
      }
    },
  };
}
