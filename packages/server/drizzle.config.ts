import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // schema.ts holds the registry's core tables; each later domain area keeps its own file in schema/.
  schema: ['./src/db/schema.ts', './src/db/schema/*.ts'],
  out: './migrations',
});
