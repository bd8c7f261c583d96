// The heatmap matrix as an Apache Arrow IPC stream (SPEC §2: large matrices may travel as Arrow): one row
// per cell with columns x, y (the axis labels as text) and value (Float64, null where a rate has no
// denominator). What the matrix is (metric, axes, scope, window) travels in the schema's metadata.
import { Float64, Schema, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow'
import type { Matrix } from './matrix.ts'

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream'

export function matrixToArrow(matrix: Matrix, metadata: Record<string, string>): Uint8Array {
  const table = new Table({
    x: vectorFromArray(matrix.cells.map(([xi]) => String(matrix.xs[xi])), new Utf8()),
    y: vectorFromArray(matrix.cells.map(([, yi]) => String(matrix.ys[yi])), new Utf8()),
    value: vectorFromArray(matrix.cells.map(([, , v]) => v), new Float64()),
  })
  const schema = new Schema(table.schema.fields, new Map(Object.entries(metadata)))
  return tableToIPC(new Table(schema, table.batches), 'stream')
}
