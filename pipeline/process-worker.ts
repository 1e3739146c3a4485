/**
 * Worker thread: produces documents sent by the build (process or take from
 * the cache, then encode for the writers) so both cores work while the main
 * thread only concatenates and writes.
 */
import { parentPort } from 'node:worker_threads'
import { produceDocument, type ProduceRequest } from './produce.ts'
import { chunkBuffers } from './writers/encode-rows.ts'

/** A request from the build: an id and the document to produce. */
export interface WorkRequest {
  id: number
  request: ProduceRequest
}

parentPort?.on('message', async ({ id, request }: WorkRequest) => {
  try {
    const produced = await produceDocument(request)
    parentPort?.postMessage({ id, produced }, chunkBuffers(Object.values(produced.chunks)))
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).stack ?? String(error) })
  }
})
