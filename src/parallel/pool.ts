/**
 * A small pool of worker threads running the compiled worker entry (dist/worker.js). Work spreads over
 * the machine's cores; results come back in the order asked for. When the compiled entry is not there
 * (running from TypeScript sources) or one thread is asked for, callers run the same code in-process.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export const WORKER_ENTRY = new URL('../worker.js', import.meta.url);

/** Threads to use: CREDENCE_THREADS if set, else the machine's cores (at most 8). */
export function threadCount(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.CREDENCE_THREADS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return Math.max(1, Math.min(8, availableParallelism()));
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

const SHARED = new Map<number, WorkerPool | null>();

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: { message: unknown; transfer: ArrayBuffer[]; pending: Pending }[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly workers: Worker[] = [];

  private constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(WORKER_ENTRY);
      w.on('message', (m: { ok: boolean; value?: unknown; error?: string; stack?: string }) => {
        const p = this.busy.get(w);
        this.busy.delete(w);
        if (p !== undefined) {
          if (m.ok) p.resolve(m.value);
          else {
            const e = new Error(m.error ?? 'worker failed');
            if (m.stack !== undefined) e.stack = m.stack;
            p.reject(e);
          }
        }
        this.next(w);
      });
      w.on('error', (err) => {
        const p = this.busy.get(w);
        this.busy.delete(w);
        p?.reject(err);
      });
      w.unref();
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** A pool of `size` workers, or null when work should run in-process instead. */
  static open(size: number): WorkerPool | null {
    if (size < 2 || !existsSync(fileURLToPath(WORKER_ENTRY))) return null;
    return new WorkerPool(size);
  }

  /**
   * The process's pool of `size` workers, started on first use and kept (warm, with their lexicons) for
   * the next job; idle workers do not keep the process alive. Null when work should run in-process.
   */
  static shared(size: number): WorkerPool | null {
    let pool = SHARED.get(size);
    if (pool === undefined) {
      pool = WorkerPool.open(size);
      SHARED.set(size, pool);
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  run<T>(message: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ message, transfer, pending: { resolve: resolve as (v: unknown) => void, reject } });
      const w = this.idle.pop();
      if (w !== undefined) this.next(w);
    });
  }

  private next(w: Worker): void {
    const job = this.queue.shift();
    if (job === undefined) {
      // An idle worker must not keep the process alive; a busy one must, or an awaited result is lost.
      w.unref();
      if (!this.idle.includes(w)) this.idle.push(w);
      return;
    }
    w.ref();
    this.busy.set(w, job.pending);
    w.postMessage(job.message, job.transfer);
  }

  async close(): Promise<void> {
    for (const [size, pool] of SHARED) if (pool === this) SHARED.delete(size);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** How a corpus job runs: over how many threads, and who hears of its progress. */
export interface ChunkRun {
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Texts in chunks of `size`, each done in-process by `local` or on the shared pool by the job
 * `message(chunk)` (when there are at least two chunks and worker threads to use); the chunks' results
 * in order. A chunk sent to a worker holds only each text's title and body. `each` hears of every
 * chunk's result as soon as it is there (in any order), with the chunk's number.
 */
export async function inChunks<R>(
  texts: readonly { title: string; body: string }[],
  size: number,
  local: (chunk: { title: string; body: string }[]) => R,
  message: (chunk: { title: string; body: string }[]) => unknown,
  run: ChunkRun = {},
  each?: (result: R, chunk: number) => void,
): Promise<R[]> {
  const pool = texts.length >= 2 * size ? WorkerPool.shared(run.threads ?? threadCount()) : null;
  let done = 0;
  const progress = (n: number): void => {
    done += n;
    run.onProgress?.(done, texts.length);
  };
  const out: Promise<R>[] = [];
  for (let from = 0; from < texts.length; from += size) {
    const chunk = texts.slice(from, from + size);
    const k = from / size;
    if (pool === null) {
      const r = local(chunk);
      progress(chunk.length);
      each?.(r, k);
      out.push(Promise.resolve(r));
    } else {
      const copies = chunk.map((t) => ({ title: t.title, body: t.body }));
      out.push(
        pool.run<R>(message(copies)).then((r) => {
          progress(copies.length);
          each?.(r, k);
          return r;
        }),
      );
    }
  }
  return Promise.all(out);
}
