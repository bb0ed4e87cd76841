// A cap on password hashing running at once. Each scrypt check takes 32 MiB and ≈ 100 ms of a
// core (password.ts); without a cap, a burst of sign-ins (or of guesses) takes every core and the
// memory of a small province server away from sync. Checks beyond the cap wait in a short queue;
// beyond the queue the server answers 503 with Retry-After at once instead of piling up work.

/** Raised when the queue is full: the route answers 503 with Retry-After. */
export class HashGateFullError extends Error {
  override readonly name = 'HashGateFullError';
  constructor(readonly retryAfterSeconds: number) {
    super('too many password checks waiting');
  }
}

export interface HashGateOptions {
  /** Checks running at once. */
  concurrency: number;
  /** Checks waiting for a slot; one more is refused. */
  queue: number;
}

/** Two at a time leaves a 2-core server a core for sync; 32 waiting is ≈ 2 s of work at ≈ 100 ms each. */
export const DEFAULT_HASH_GATE: HashGateOptions = { concurrency: 2, queue: 32 };

/** A place in line: `ready` resolves when a slot is free; `release()` gives the place (or slot) back. */
export interface HashTicket {
  ready: Promise<void>;
  release(): void;
}

export class HashGate {
  private running = 0;
  private readonly waiting: { start: () => void }[] = [];

  constructor(private readonly options: HashGateOptions = DEFAULT_HASH_GATE) {}

  /**
   * Takes a place in line now (throws HashGateFullError when the line is full), so the caller can
   * do other work — such as recording the attempt — before it waits for its slot.
   */
  enter(): HashTicket {
    let state: 'waiting' | 'running' | 'released' = 'waiting';
    let ready: Promise<void> = Promise.resolve();
    // A slot handed over by freeSlot() keeps `running` as it is: the count moves with the slot.
    const place = { start: () => undefined as void };
    if (this.running < this.options.concurrency) {
      this.running += 1;
      state = 'running';
    } else if (this.waiting.length >= this.options.queue) {
      // Roughly the time the line ahead needs, at ≈ 100 ms per check; at least a second.
      throw new HashGateFullError(Math.max(1, Math.ceil((this.waiting.length * 0.1) / this.options.concurrency)));
    } else {
      ready = new Promise<void>((resolve) => {
        place.start = () => {
          state = 'running';
          resolve();
        };
      });
      this.waiting.push(place);
    }
    return {
      ready,
      release: () => {
        if (state === 'waiting') this.waiting.splice(this.waiting.indexOf(place), 1);
        else if (state === 'running') this.freeSlot();
        state = 'released';
      },
    };
  }

  /** Runs `check` in a slot (waiting in line for one). */
  async run<T>(check: () => Promise<T>): Promise<T> {
    const ticket = this.enter();
    try {
      await ticket.ready;
      return await check();
    } finally {
      ticket.release();
    }
  }

  /** Checks running now. */
  get active(): number {
    return this.running;
  }

  private freeSlot(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.running -= 1;
  }
}
