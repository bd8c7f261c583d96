// Dashboard benchmark, bundle size: a fresh `vite build --config dashboard/vite.config.ts` into a temporary
// outDir (dashboard/dist is left alone: the server and the browser tests serve it), then the raw and gzipped
// size of every JavaScript and CSS file it wrote. gzip is zlib's default level (6), what a compressing proxy
// in front of the server would typically use.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

export interface BundleFile {
  /** Path under the outDir, e.g. assets/index-9CEjp4ad.js */
  path: string
  kind: 'js' | 'css'
  rawBytes: number
  gzipBytes: number
}

export interface BundleResult {
  files: BundleFile[]
  buildMs: number
  /** The fresh build's JS/CSS file names (content hashes) equal dashboard/dist's: the server serves this code. */
  servedMatches: boolean | 'no dist'
}

export function measureBundle(): BundleResult {
  const outDir = mkdtempSync(join(tmpdir(), 'radar-bench-dashboard-dist-'))
  try {
    const started = performance.now()
    execFileSync(
      process.execPath,
      [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'dashboard/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] },
    )
    const buildMs = performance.now() - started
    const files = assetFiles(outDir).map((path): BundleFile => {
      const buf = readFileSync(path)
      return { path: relative(outDir, path), kind: path.endsWith('.css') ? 'css' : 'js', rawBytes: buf.length, gzipBytes: gzipSync(buf).length }
    })
    files.sort((a, b) => b.gzipBytes - a.gzipBytes)
    const dist = join(repoRoot, 'dashboard/dist')
    const names = (dir: string) => assetFiles(dir).map((p) => relative(dir, p)).sort().join('\n')
    const servedMatches = existsSync(join(dist, 'index.html')) ? names(dist) === names(outDir) : 'no dist'
    return { files, buildMs, servedMatches }
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

/** Every .js / .mjs / .css file under `dir`. */
function assetFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...assetFiles(path))
    else if (/\.(m?js|css)$/.test(name)) out.push(path)
  }
  return out
}
