import { Worker } from 'node:worker_threads'
import type { ProduceRequest, ProducedDocument } from './produce.ts'

interface Job {
  id: number
  request: ProduceRequest
  resolve: (produced: ProducedDocument) => void
  reject: (error: Error) => void
}

/**
 * A fixed pool of worker threads producing documents; `produce` resolves
 * with the document ready for the writers. At most one document per worker
 * at a time; the rest wait in a queue.
 */
export class WorkerPool {
  readonly #idle: Worker[] = []
  readonly #all: Worker[] = []
  readonly #queue: Job[] = []
  readonly #running = new Map<number, { worker: Worker; job: Job }>()
  #next = 0

  constructor(size: number) {
    for (let index = 0; index < size; index++) {
      const worker = new Worker(new URL('./worker.mjs', import.meta.url))
      worker.on('message', (message: { id: number; produced?: ProducedDocument; error?: string }) => {
        const running = this.#running.get(message.id)
        this.#running.delete(message.id)
        this.#idle.push(worker)
        if (message.produced) running?.job.resolve(message.produced)
        else running?.job.reject(new Error(`Worker failed on ${running.job.request.path}: ${message.error ?? 'unknown error'}`))
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

  /** Produce one document in a worker (its bytes are transferred, not copied). */
  produce(request: ProduceRequest): Promise<ProducedDocument> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#next++, request, resolve, reject })
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
      const job = this.#queue.shift() as Job
      this.#running.set(job.id, { worker, job })
      worker.postMessage({ id: job.id, request: job.request }, [job.request.bytes.buffer as ArrayBuffer])
    }
  }
}
