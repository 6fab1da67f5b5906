/**
 * The changes of persons made by any process on the database (another server, `haven import`,
 * `haven retention`), in the order a match index must apply them (#3 item 4).
 *
 * Every write of a person stamps its row with the transaction that made it (change_xid) and a
 * sequence number (change_seq), and notifies the channel `person_changes` at commit
 * (db/schema/person-changes.sql). A catch-up reads the persons stamped by transactions at or
 * above a horizon: the oldest transaction that was still running when the previous catch-up
 * began. Every transaction below it had ended by then, so its changes were read; the ones above
 * may have committed since, in any order. A notification only says "catch up now": notifications
 * are not durable, so a catch-up also runs on every (re)connection of the listener and on a timer,
 * and a missed notification delays a change by a poll at most, never loses it.
 */
import { listenToChannel, type ChannelListener } from '../db/notifications.js';
import type { Db } from '../db/open.js';
import type { Keyring } from '../protection/keyring.js';
import {
  readChangedPersons,
  readChangeHorizon,
  type IndexedPerson,
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
  /** Persons read per query. */
  readonly pageSize?: number | undefined;
  /** Off: catch up on the timer only (a driver that cannot LISTEN polls anyway). */
  readonly isListening?: boolean | undefined;
}

export interface PersonChangeFeed {
  /**
   * Persons the caller read itself (the load): the first catch-up leaves out the rows still as
   * read. Without this, a transaction left open anywhere on the server (which holds the horizon
   * back) would make it read again every person changed since.
   */
  noteLoaded(persons: readonly IndexedPerson[]): void;
  /** Reads and applies every change since the last catch-up; one runs at a time. */
  catchUp(): Promise<void>;
  /** Catches up on each notification and each poll from now on. */
  follow(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_POLL_INTERVAL_MS = 5000;
const DEFAULT_PAGE_SIZE = 5000;

/** Yields to the event loop, so that requests are answered between two pages. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A feed of the changes made from now on: the horizon is read before the caller loads the
 * register, so that a change the load misses (made while it ran) is read by the first catch-up.
 */
export async function openPersonChangeFeed(
  db: Db,
  keyring: Keyring,
  options: PersonChangeFeedOptions,
): Promise<PersonChangeFeed> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const onError = options.onError;
  let horizon = BigInt(await readChangeHorizon(db));
  // Changes applied already whose transaction is at or above the horizon: the next catch-up
  // reads from the horizon again, and leaves these out instead of applying them twice.
  const appliedAboveHorizon = new Map<number, bigint>();
  let isStopped = false;
  let isRequested = false;
  let running: Promise<void> | undefined;
  let listener: ChannelListener | undefined;
  let poll: NodeJS.Timeout | undefined;

  const readRound = async () => {
    const nextHorizon = BigInt(await readChangeHorizon(db));
    const appliedSeqs = [...appliedAboveHorizon.keys()];
    let afterSeq = 0;
    for (;;) {
      const page = await readChangedPersons(
        db,
        keyring,
        { sinceXid: horizon.toString(), afterSeq, appliedSeqs, limit: pageSize },
        onError,
      );
      if (isStopped) {
        return;
      }
      options.apply(page);
      for (const change of page) {
        const xid = BigInt(change.changeXid);
        if (xid >= nextHorizon) {
          appliedAboveHorizon.set(change.changeSeq, xid);
        }
      }
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) {
        break;
      }
      afterSeq = last.changeSeq;
      await nextTurn();
    }
    horizon = nextHorizon;
    for (const [seq, xid] of appliedAboveHorizon) {
      if (xid < horizon) {
        appliedAboveHorizon.delete(seq);
      }
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
    noteLoaded(persons) {
      for (const { changeSeq, changeXid } of persons) {
        if (changeSeq !== null && changeXid !== null && BigInt(changeXid) >= horizon) {
          appliedAboveHorizon.set(changeSeq, BigInt(changeXid));
        }
      }
    },
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
