// What a page's JS heap holds, by kind, from a V8 heap snapshot taken over CDP: the wall's heap bench uses it
// to tell growth of the page's own objects from V8's compiled code, which grows as the JIT tiers up the
// functions a long run keeps calling (and shrinks as it flushes unused bytecode), whatever the page keeps.
import type { CDPSession } from 'playwright-core'

export interface HeapKinds {
  /** Machine code, bytecode and their metadata (snapshot nodes of type `code`). */
  code: number
  strings: number
  /** Objects, arrays, closures, numbers and the rest the page's scripts allocate. */
  objects: number
}

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string'])

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
  nodes: number[]
}

/** Self sizes summed by kind, over every V8 node of a fresh snapshot (native, DOM-side nodes left out). */
export async function heapKinds(cdp: CDPSession): Promise<HeapKinds> {
  const chunks: string[] = []
  const onChunk = (p: { chunk: string }) => chunks.push(p.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  }
  const s = JSON.parse(chunks.join('')) as Snapshot
  const fields = s.snapshot.meta.node_fields
  const types = s.snapshot.meta.node_types[0]
  const [typeAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('self_size')]
  const kinds: HeapKinds = { code: 0, strings: 0, objects: 0 }
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const type = types[s.nodes[i + typeAt]!]!
    const size = s.nodes[i + sizeAt]!
    if (type === 'native' || type === 'synthetic') continue
    if (type === 'code') kinds.code += size
    else if (STRING_TYPES.has(type)) kinds.strings += size
    else kinds.objects += size
  }
  return kinds
}
