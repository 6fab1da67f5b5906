import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app bundles the shared schemas and code lists from source, so the browser validates with
// exactly the rules the server applies.
const sourceOf = (name: string): string =>
  fileURLToPath(new URL(`../${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@haven/core': sourceOf('core'),
      '@haven/contract': sourceOf('contract'),
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: {
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than Haven: in their own files they stay cached on a
        // tablet across releases, so an update over a slow link downloads only the app's code.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
            },
            // The map and the chart load only on the pages that show them (issue 5).
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/, priority: 2 },
            { name: 'chart', test: /node_modules[\\/](chart\.js|@kurkle)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
