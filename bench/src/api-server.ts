import { buildApp, migrate, openDatabase } from '@haven/server';

/**
 * The API alone in its own process, for the register benchmark: the load generator must not share
 * its event loop. PostgreSQL at BENCH_DATABASE_URL, otherwise PGlite in memory. Sends its port to
 * the parent over IPC and stops when the parent disconnects.
 */
const url = process.env.BENCH_DATABASE_URL || undefined;
const database = await openDatabase({ url, poolSize: Number(process.env.BENCH_POOL_SIZE ?? 20) });
await migrate(database);
const app = await buildApp({ db: database.db });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.once('disconnect', () => {
  void app
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
