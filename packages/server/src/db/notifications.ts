/**
 * LISTEN on a channel of the database, on either engine: PostgreSQL through a connection of its
 * own (a pooled one would be handed to other queries), PGlite through its `listen`. Notifications
 * are not durable: one sent while the connection is down is lost, so the listener says when it
 * (re)connects and the caller then reads what it may have missed.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from './open.js';

export interface ChannelListener {
  /** Stops listening and closes the connection it opened. */
  close(): Promise<void>;
}

export interface ChannelHandlers {
  /** A transaction that notified the channel committed. */
  readonly onNotification: () => void;
  /** Listening (again): notifications sent meanwhile were lost. */
  readonly onListening: () => void;
  /** The connection failed; it is opened again after `retryMs`. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

export interface ListenOptions {
  /** Wait before opening a lost PostgreSQL connection again. */
  readonly retryMs?: number | undefined;
}

const DEFAULT_RETRY_MS = 2000;

/** Channels are fixed identifiers of ours: never a value from a request. */
const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * Listens on `channel` of the database behind `db`; undefined when the driver cannot listen (the
 * caller polls instead).
 */
export async function listenToChannel(
  db: Db,
  channel: string,
  handlers: ChannelHandlers,
  options: ListenOptions = {},
): Promise<ChannelListener | undefined> {
  if (!CHANNEL.test(channel)) {
    throw new Error(`Not a channel name: ${channel}`);
  }
  // An adapter: both drizzle drivers keep their client here.
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite) {
    const unlisten = await client.listen(channel, handlers.onNotification);
    handlers.onListening();
    return { close: () => unlisten().catch(() => undefined) };
  }
  if (client instanceof pg.Pool) {
    return listenOnPostgres(client, channel, handlers, options.retryMs ?? DEFAULT_RETRY_MS);
  }
  return undefined;
}

function listenOnPostgres(
  pool: pg.Pool,
  channel: string,
  handlers: ChannelHandlers,
  retryMs: number,
): ChannelListener {
  let connection: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let isClosed = false;

  const connect = async () => {
    retry = undefined;
    // The pool's own settings (connection string, TLS, password), for one connection of ours.
    const next = new pg.Client(pool.options);
    connection = next;
    next.on('notification', (message) => {
      if (message.channel === channel) {
        handlers.onNotification();
      }
    });
    // Without a listener an 'error' event would end the process; 'end' follows it.
    next.on('error', (error) => handlers.onError?.(error));
    next.on('end', () => {
      if (connection === next) {
        connection = undefined;
        scheduleRetry();
      }
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      handlers.onError?.(error);
      if (connection === next) {
        connection = undefined;
        await next.end().catch(() => undefined);
        scheduleRetry();
      }
      return;
    }
    if (isClosed) {
      await next.end().catch(() => undefined);
      return;
    }
    handlers.onListening();
  };
  const scheduleRetry = () => {
    if (!isClosed && retry === undefined) {
      retry = setTimeout(() => void connect(), retryMs);
      retry.unref();
    }
  };

  void connect();
  return {
    async close() {
      isClosed = true;
      clearTimeout(retry);
      const open = connection;
      connection = undefined;
      await open?.end().catch(() => undefined);
    },
  };
}
