import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vite'

// The dashboard is served by the Fastify server from dashboard/dist (server/src/app.ts).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [svelte()],
  // The budget that matters is the gzipped total (< 400 KB); ECharts' core alone minifies past Vite's
  // default 500 KB warning, which would otherwise print on every start.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
})
