/**
 * The changes of persons made by any process on the database (another server, `haven import`,
 * `haven retention`), in the order a match index must apply them (#3 item 4).
 *
 * Every write of a person stamps its row with the transaction that made it (change_xid) and a
 * sequence number (change_seq), and notifies the channel `person_changes` at commit
 * (db/schema/person-changes.sql). Each catch-up takes a snapshot of which transactions have
 * ended, then reads the persons stamped by the transactions the previous catch-up's snapshot did
 * not see: those that had not started, or were still running (at most one per connection, so a
 * transaction left open for hours costs nothing but itself). Whatever such a transaction writes
 * is read once it commits, in whatever order transactions commit. A notification only says
 * "catch up now": notifications are not durable, so a catch-up also runs on every (re)connection
 * of the listener and on a timer, and a lost notification delays a change, never loses it.
 */
import { listenToChannel, type ChannelListener } from '../db/notifications.js';
import type { Db } from '../db/open.js';
import type { Keyring } from '../protection/keyring.js';
import {
  readChangedPersons,
  readChangeSnapshot,
  type ChangedBy,
  type ChangeKey,
  type ChangeSnapshot,
  type PersonChange,
} from './queries.js';

export const PERSON_CHANGES_CHANNEL = 'person_changes';

export interface PersonChangeFeedOptions {
  /** Applies a page of changes, oldest first; a person's latest state wins. */
  readonly apply: (changes: readonly PersonChange[]) => void;
  /** A failed catch-up or connection, or a document number that did not open. */
  readonly onError?: ((error: unknown) => void) | undefined;
  /** Catch-ups without a notification: what a lost notification delays a change by at most. */
  readonly pollIntervalMs?: number | undefined;
  /** Persons read per query, and applied in one turn of the event loop. */
  readonly pageSize?: number | undefined;
  /** Off: catch up on the timer only (a driver that cannot LISTEN polls anyway). */
  readonly isListening?: boolean | undefined;
}

export interface PersonChangeFeed {
  /** Reads and applies every change since the last catch-up; one runs at a time. */
  catchUp(): Promise<void>;
  /** Catches up on each notification and each poll from now on. */
  follow(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_POLL_INTERVAL_MS = 5000;
const DEFAULT_PAGE_SIZE = 500;

/** Yields to the event loop, so that requests are answered between two pages. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A feed of the changes made from now on: its first snapshot is taken here, before the caller
 * loads the register, so that a change the load misses (made while it ran) is read by the first
 * catch-up. Some the load saw are read again: applying a person twice changes nothing.
 */
export async function openPersonChangeFeed(
  db: Db,
  keyring: Keyring,
  options: PersonChangeFeedOptions,
): Promise<PersonChangeFeed> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const onError = options.onError;
  let seen: ChangeSnapshot = await readChangeSnapshot(db);
  let isStopped = false;
  let isRequested = false;
  let running: Promise<void> | undefined;
  let listener: ChannelListener | undefined;
  let poll: NodeJS.Timeout | undefined;

  /** Reads and applies the changes of these transactions, page by page. */
  const readChangesOf = async (by: ChangedBy) => {
    let after: ChangeKey = { xid: '0', seq: 0 };
    for (;;) {
      const page = await readChangedPersons(db, keyring, { by, after, limit: pageSize }, onError);
      if (isStopped) {
        return;
      }
      options.apply(page);
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) {
        return;
      }
      after = { xid: last.changeXid, seq: last.changeSeq };
      await nextTurn();
    }
  };

  const readRound = async () => {
    // Taken before reading: whatever it sees committed, the pages below see too.
    const next = await readChangeSnapshot(db);
    if (seen.running.length > 0) {
      await readChangesOf({ xids: seen.running });
    }
    await readChangesOf({ fromXid: seen.xmax });
    if (!isStopped) {
      seen = next;
    }
  };

  const catchUp = (): Promise<void> => {
    isRequested = true;
    running ??= (async () => {
      try {
        // A request that arrives during a round may concern a commit the round did not see.
        while (isRequested && !isStopped) {
          isRequested = false;
          await readRound();
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const catchUpReporting = () => {
    catchUp().catch((error: unknown) => onError?.(error));
  };

  return {
    catchUp,
    async follow() {
      if (isStopped || poll !== undefined) {
        return;
      }
      poll = setInterval(catchUpReporting, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
      poll.unref();
      if (options.isListening ?? true) {
        const opened = await listenToChannel(db, PERSON_CHANGES_CHANNEL, {
          onNotification: catchUpReporting,
          onListening: catchUpReporting,
          onError,
        });
        if (isStopped) {
          await opened?.close();
        } else {
          listener = opened;
        }
      }
    },
    async stop() {
      isStopped = true;
      clearInterval(poll);
      await listener?.close();
      await running?.catch(() => undefined);
    },
  };
}
