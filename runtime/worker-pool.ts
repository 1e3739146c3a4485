import { Worker } from 'node:worker_threads'

interface Job<Request, Result> {
  id: number
  request: Request
  resolve: (result: Result) => void
  reject: (error: Error) => void
}

/**
 * Heap limit of a worker: high enough that V8 grows the heap freely, low
 * enough that a pathological document fails its worker (which is replaced,
 * and its job failed for the caller to run elsewhere) rather than the
 * process. V8 scales its heap growing factor with the limit, from 1.1 at
 * 256 MB to 4 at 2 GB: under 2 GB it collects garbage far more often —
 * measured on 1,000 documents, a limit of 128 MB cost 68% more CPU and one
 * of 1 GB 35% more, for 20–25% less peak RSS.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 2048 }

/**
 * A fixed pool of worker threads running one job each at a time (the rest
 * wait in a queue); `run` resolves with the worker's answer. The worker
 * module answers `{ id, result }` or `{ id, error }` to `{ id, request }`.
 */
export class WorkerPool<Request, Result> {
  readonly #module: URL
  readonly #describe: (request: Request) => string
  readonly #idle: Worker[] = []
  readonly #all = new Set<Worker>()
  readonly #queue: Job<Request, Result>[] = []
  readonly #running = new Map<Worker, Job<Request, Result>>()
  #next = 0
  #closed = false

  constructor(size: number, module: URL, describe: (request: Request) => string) {
    this.#module = module
    this.#describe = describe
    for (let index = 0; index < size; index++) this.#spawn()
  }

  /** Run one job in a worker (the request is copied to it; its answer's buffers are transferred back). */
  run(request: Request): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#next++, request, resolve, reject })
      this.#dispatch()
    })
  }

  /** Workers free for a job now. */
  get idle(): number {
    return this.#queue.length > 0 ? 0 : this.#idle.length
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    this.#closed = true
    await Promise.all([...this.#all].map((worker) => worker.terminate()))
  }

  #spawn(): void {
    // No inherited loader flags: the module is plain JavaScript (see worker-bundle.ts) or registers its own.
    // Profiling flags pass on, so `node --cpu-prof` profiles the workers too.
    const execArgv = process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'))
    const worker = new Worker(this.#module, { execArgv, resourceLimits: WORKER_LIMITS })
    worker.on('message', (message: { id: number; result?: Result; error?: string }) => {
      const job = this.#running.get(worker)
      this.#running.delete(worker)
      this.#idle.push(worker)
      if (job && message.result !== undefined) job.resolve(message.result)
      else job?.reject(new Error(`Worker failed on ${this.#describe(job.request)}: ${message.error ?? 'unknown error'}`))
      this.#dispatch()
    })
    worker.on('error', (error) => {
      const job = this.#running.get(worker)
      this.#running.delete(worker)
      job?.reject(new Error(`Worker stopped on ${this.#describe(job.request)}: ${error.message}`))
    })
    worker.on('exit', (code) => {
      // A worker that ends on its own (out of memory, process.exit) fails the job it had.
      const job = this.#running.get(worker)
      this.#running.delete(worker)
      job?.reject(new Error(`Worker exited (code ${code}) on ${this.#describe(job.request)}`))
      this.#all.delete(worker)
      const idle = this.#idle.indexOf(worker)
      if (idle >= 0) this.#idle.splice(idle, 1)
      if (this.#closed) return
      this.#spawn()
      this.#dispatch()
    })
    this.#all.add(worker)
    this.#idle.push(worker)
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop() as Worker
      const job = this.#queue.shift() as Job<Request, Result>
      this.#running.set(worker, job)
      worker.postMessage({ id: job.id, request: job.request })
    }
  }
}
