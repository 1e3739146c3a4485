import { bundledModule } from './bundle.mjs'

/** The URL of the worker threads' module: its bundle (see bundle.mjs), or the tsx entry if it cannot be made (read-only install: slower to start, same results). */
export async function workerModule(): Promise<URL> {
  return (await bundledModule('process-worker')) ?? new URL('./worker.mjs', import.meta.url)
}
