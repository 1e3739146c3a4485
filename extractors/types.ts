import type { SourceDocument } from '../core/document.ts'
import type { TableBlock } from '../core/types.ts'

/**
 * One source layout. The pipeline asks every extractor to `detect` a
 * document and runs `extract` of the one with the highest score; it never
 * branches on an extractor's name.
 */
export interface Extractor {
  /** The layout name recorded in `documents.layout`. */
  readonly layout: string
  /** How well this layout fits the document (0–1), or undefined to decline. */
  detect(doc: SourceDocument): number | undefined
  /** Grid the rows of every table region in `doc.regions` into `TableBlock`s. */
  extract(doc: SourceDocument): TableBlock[]
}
