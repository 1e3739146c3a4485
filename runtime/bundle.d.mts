/** The pipeline version: a hash of package.json and of every source and data file of the pipeline. */
export function pipelineVersion(): string
/** The URL of the bundle of `pipeline/<entry>.ts` for this pipeline version (made when missing), or undefined when it cannot be made. */
export function bundledModule(entry: 'cli' | 'process-worker'): Promise<URL | undefined>
