// CPU time of the processes a sync bench round runs on (sync-load.ts): the server processes, and
// the PostgreSQL backends serving the bench's database. On a 2-core machine these and the load
// generator share the cores, so their CPU per round, summed, bounds the rounds/s
// (docs/performance.md "Several server processes on one PostgreSQL").
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

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
    let ns = 0;
    for (const thread of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
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

/** The sum, or undefined if any is unknown. */
export function sumDefined(values: (number | undefined)[]): number | undefined {
  return values.some((value) => value === undefined) ? undefined : values.reduce<number>((sum, value) => sum + value!, 0);
}

/**
 * The CPU of one PostgreSQL database's backends, read around a measured window: `snapshot` (sync,
 * at the window's start) reads every `postgres` process of the machine, `since` (at its end) asks
 * the server which backends serve the database and sums what each used since the snapshot (all of
 * it for a backend opened during the window). The cluster's shared processes (WAL writer,
 * checkpointer) and the other databases' backends are left out: the machine's PostgreSQL also
 * serves other test runs. Undefined when PostgreSQL is not on this machine's /proc.
 */
export interface DatabaseCpu {
  snapshot(): Map<number, number>;
  since(snapshot: Map<number, number>): Promise<number | undefined>;
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
    since: async (snapshot) => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'", [database]);
        if (rows.length === 0) return undefined;
        return sumDefined(rows.map(({ pid }) => {
          const used = cpuMs(pid);
          return used === undefined ? undefined : used - (snapshot.get(pid) ?? 0);
        }));
      } finally {
        await client.end();
      }
    },
  };
}
