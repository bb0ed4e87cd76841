// Reads a V8 CPU profile (the DevTools protocol's Profiler.stop) for the profiling scripts
// (profile-first-sync.ts, profile-period-report.ts): the page's main-thread time by function,
// self and inclusive.
export interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
export interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** Prints the functions with the most self and inclusive time. */
export function summarize(profile: Profile): void {
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const byName = new Map<string, number>();
  const parent = new Map<number, number>();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node: ProfileNode) => `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
  for (const [id, ms] of self) byName.set(label(nodes.get(id)!), (byName.get(label(nodes.get(id)!)) ?? 0) + ms);
  // Inclusive time per function (each sample counted once per distinct function on its stack).
  const inclusive = new Map<string, number>();
  for (const [id, ms] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(nodes.get(at)!);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${name}`).join('\n');
  process.stdout.write(`self time:\n${top(byName, 35)}\ninclusive:\n${top(inclusive, 50)}\n`);
}
