// Worker entry in plain JavaScript: registers tsx, then loads the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./process-worker.ts')
