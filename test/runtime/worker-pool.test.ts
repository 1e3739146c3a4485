import { describe, expect, it } from 'vitest'
import { WorkerPool } from '../../runtime/worker-pool.ts'

const MODULE = new URL('../fixtures/workers/double-or-exit.mjs', import.meta.url)

interface Request {
  value?: number
  exit?: boolean
  throw?: boolean
}

describe('WorkerPool', () => {
  it('runs jobs on every worker and answers each with its own result', async () => {
    const pool = new WorkerPool<Request, number>(2, MODULE, (request) => `value ${request.value}`)
    try {
      expect(await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ value })))).toEqual([2, 4, 6, 8, 10])
    } finally {
      await pool.close()
    }
  })

  it('a worker that exits fails only its job, naming it, and is replaced for the next ones', async () => {
    const pool = new WorkerPool<Request, number>(1, MODULE, (request) => (request.exit ? 'the exiting job' : `value ${request.value}`))
    try {
      const failed = pool.run({ exit: true })
      const after = pool.run({ value: 21 })
      await expect(failed).rejects.toThrow('Worker exited (code 3) on the exiting job')
      expect(await after).toBe(42)
    } finally {
      await pool.close()
    }
  })

  it('an error the worker reports rejects the job with the worker\'s message', async () => {
    const pool = new WorkerPool<Request, number>(1, MODULE, () => 'the failing job')
    try {
      await expect(pool.run({ throw: true })).rejects.toThrow('Worker failed on the failing job: asked to fail')
      expect(await pool.run({ value: 1 })).toBe(2)
    } finally {
      await pool.close()
    }
  })
})
