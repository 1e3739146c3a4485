import { Worker } from 'node:worker_threads'

interface Job<Request, Result> {
  id: number
  request: Request
  transfer: ArrayBuffer[]
  resolve: (result: Result) => void
  reject: (error: Error) => void
}

/** Heap limits of a worker: enough for the largest segment, small enough that two workers and the writer fit in 512 MB. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 32 }

/**
 * A fixed pool of worker threads running one job each at a time (the rest
 * wait in a queue); `run` resolves with the worker's answer. The worker
 * module answers `{ id, result }` or `{ id, error }` to `{ id, request }`.
 */
export class WorkerPool<Request, Result> {
  readonly #idle: Worker[] = []
  readonly #all: Worker[] = []
  readonly #queue: Job<Request, Result>[] = []
  readonly #running = new Map<number, { worker: Worker; job: Job<Request, Result> }>()
  #next = 0

  constructor(size: number, module: URL, describe: (request: Request) => string) {
    for (let index = 0; index < size; index++) {
      const worker = new Worker(module, { resourceLimits: WORKER_LIMITS })
      worker.on('message', (message: { id: number; result?: Result; error?: string }) => {
        const running = this.#running.get(message.id)
        this.#running.delete(message.id)
        this.#idle.push(worker)
        if (message.result !== undefined) running?.job.resolve(message.result)
        else if (running) running.job.reject(new Error(`Worker failed on ${describe(running.job.request)}: ${message.error ?? 'unknown error'}`))
        this.#dispatch()
      })
      worker.on('error', (error) => {
        for (const [id, running] of this.#running) {
          if (running.worker !== worker) continue
          this.#running.delete(id)
          running.job.reject(error)
        }
      })
      this.#all.push(worker)
      this.#idle.push(worker)
    }
  }

  /** Run one job in a worker; `transfer` lists buffers of the request to move rather than copy. */
  run(request: Request, transfer: ArrayBuffer[] = []): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#next++, request, transfer, resolve, reject })
      this.#dispatch()
    })
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.#all.map((worker) => worker.terminate()))
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop() as Worker
      const job = this.#queue.shift() as Job<Request, Result>
      this.#running.set(job.id, { worker, job })
      worker.postMessage({ id: job.id, request: job.request }, job.transfer)
    }
  }
}
