import { spaceAlignedExtractor } from './space-aligned/index.ts'
import { tabRowsExtractor } from './tab-rows.ts'
import { wordCellsExtractor } from './word-cells.ts'
import type { Extractor } from './types.ts'

/** Every source layout the pipeline can read; the pipeline asks each one. */
export const EXTRACTORS: readonly Extractor[] = [wordCellsExtractor, tabRowsExtractor, spaceAlignedExtractor]

export type { Extractor } from './types.ts'
