import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development `npm run dev -w @engraft/web` proxies the API to a running `engraft serve` (ENGRAFT_API, default :3000).
// In production the server serves dist/ itself, so the app and the API share one origin (cookies, CSP).
// The web tsconfig carries DOM types only; this one Node global is all the config needs.
declare const process: { env: Record<string, string | undefined> };
const api = process.env.ENGRAFT_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': { target: api, changeOrigin: false } } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1500 },
});
