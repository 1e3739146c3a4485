/**
 * Worker thread: produces segments sent by the build (documents processed
 * or taken from the caches, then encoded for every format) so both cores
 * work while the main thread only reads inputs and appends bytes.
 */
import { parentPort } from 'node:worker_threads'
import { produceSegment, producedBuffers, type SegmentRequest } from './produce.ts'

/** A request from the build: an id and the segment to produce. */
export interface WorkRequest {
  id: number
  request: SegmentRequest
}

parentPort?.on('message', async ({ id, request }: WorkRequest) => {
  try {
    const result = await produceSegment(request)
    parentPort?.postMessage({ id, result }, producedBuffers(result))
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).stack ?? String(error) })
  }
})
