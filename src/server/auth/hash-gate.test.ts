import { describe, expect, it } from 'vitest';
import { HashGate, HashGateFullError } from './hash-gate';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('HashGate', () => {
  it('runs at most `concurrency` checks at once, queues the next ones and refuses beyond the queue', async () => {
    const gate = new HashGate({ concurrency: 2, queue: 3 });
    let running = 0;
    let most = 0;
    const finish: (() => void)[] = [];
    const check = () =>
      new Promise<string>((resolve) => {
        running += 1;
        most = Math.max(most, running);
        finish.push(() => {
          running -= 1;
          resolve('done');
        });
      });
    const accepted = Array.from({ length: 5 }, () => gate.run(check));
    expect(() => gate.enter()).toThrow(HashGateFullError);
    await tick();
    expect(running).toBe(2);
    while (finish.length > 0) {
      finish.shift()!();
      await tick();
    }
    expect(await Promise.all(accepted)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(most).toBe(2);
    expect(gate.active).toBe(0);
  });

  it('a ticket released while still in line leaves the line without taking a slot', async () => {
    const gate = new HashGate({ concurrency: 1, queue: 1 });
    const first = gate.enter();
    const second = gate.enter();
    second.release();
    const third = gate.enter(); // the line has room again
    first.release();
    await third.ready;
    expect(gate.active).toBe(1);
    third.release();
    third.release(); // twice is harmless
    expect(gate.active).toBe(0);
  });
});
