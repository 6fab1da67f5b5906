/**
 * The server's real-time match index (#3 item 4): one MatchIndex per process and database,
 * rebuilt from the database at start and kept in step with every write after it, by any process.
 *
 * Loading streams the register in chunks and yields to the event loop between them, so the
 * server answers while it loads; lookups then report 'loading'. Writes by any process, this one
 * included, reach the index through the change feed (person-change-feed.ts): the first catch-up
 * after the load reads every change committed since the load began, then each notification and
 * each poll reads the next ones. This process's own writes are also applied at once (add and
 * remove), so that its next answer already reflects them; the feed applies them again, which
 * changes nothing.
 *
 * Writers find the index through the database handle (indexesOfDatabase): the retention job and
 * the erasure route hold a Db, not the app, and a test's apps on separate databases never share
 * an index. Whatever the feed has not applied yet, an erased person is still never shown: every
 * match is read back from the database before it is (findMatchedPersons).
 */
import { Worker } from 'node:worker_threads';
import {
  MatchIndex,
  MIN_RECORDS_TO_ESTIMATE,
  REFERENCE_MODEL,
  type IndexMatch,
  type LinkageModel,
  type PersonRecord,
} from '@haven/core/identity';
import type { Db } from '../db/open.js';
import type { Keyring } from '../protection/keyring.js';
import { openPersonChangeFeed, type PersonChangeFeed } from './person-change-feed.js';
import { countIndexedPersons, readIndexedPersons, type PersonChange } from './queries.js';

export type IndexState = 'loading' | 'ready' | 'failed';

export interface PersonIndex {
  readonly state: IndexState;
  readonly size: number;
  /**
   * Where the model came from: estimated on this register (a worker thread does it after the
   * load), or the reference model, used until then and for registers too small to learn from.
   */
  readonly modelSource: 'register' | 'reference';
  /**
   * Streams the register in, catches up on the changes made meanwhile and follows the next ones;
   * resolves when ready (or failed, reported to onError). A document number that does not open
   * is left out of the index and reported to onError too, as are failed catch-ups (the next
   * notification or poll tries again).
   */
  load(db: Db, onError?: (error: unknown) => void): Promise<void>;
  /**
   * Persons this process just committed; replaces any indexed under the same id. Ignored while
   * loading: the first catch-up reads them.
   */
  add(records: readonly PersonRecord[]): void;
  /** Persons this process just erased or pseudonymised. */
  remove(personIds: readonly string[]): void;
  /** Reads the changes committed by any process since the last catch-up (tests, operators). */
  catchUp(): Promise<void>;
  /** Undefined unless ready: the caller reports the state instead. */
  /** `countedAsAbsent`: as FindMatchesOptions (a resent registration's own household). */
  findMatches(
    record: PersonRecord,
    limit: number,
    countedAsAbsent?: readonly string[],
  ): IndexMatch[] | undefined;
  /** Stops a load in progress at its next chunk (the app is closing). */
  stop(): Promise<void>;
}

export interface PersonIndexOptions {
  /** Persons read per query while loading and catching up. */
  readonly chunkSize?: number | undefined;
  /** Catch-ups without a notification (person-change-feed.ts). */
  readonly pollIntervalMs?: number | undefined;
  /** Off: follow other processes' writes by polling only. */
  readonly isListening?: boolean | undefined;
}

const DEFAULT_CHUNK_SIZE = 5000;
/**
 * Persons indexed between two turns of the event loop (some 40 µs of CPU each), so that a request
 * arriving during the load waits for a slice, not for a whole chunk.
 */
const RECORDS_PER_TURN = 250;
/** Persons EM learns from (register-model.ts): a uniform sample, drawn while loading. */
const MODEL_SAMPLE_SIZE = 100_000;

const indexes = new WeakMap<Db, Set<PersonIndex>>();

/**
 * The indexes kept for this database handle in this process: one per app built on it (tests
 * build two apps on one PGlite handle).
 */
export function indexesOfDatabase(db: Db): readonly PersonIndex[] {
  return [...(indexes.get(db) ?? [])];
}

/** Yields to the event loop, so that requests are answered between two chunks. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The reference model with its prior of a pair at large scaled to this register: it holds as
 * many returning people per person, spread over more pairs.
 */
function referenceModelFor(size: number): LinkageModel {
  const scale = MIN_RECORDS_TO_ESTIMATE / Math.max(size, MIN_RECORDS_TO_ESTIMATE);
  return { ...REFERENCE_MODEL, lambda: REFERENCE_MODEL.lambda * scale };
}

/**
 * The register's own model, estimated in a worker thread; undefined when it cannot be or the
 * worker was terminated.
 */
function estimateInWorker(worker: Worker): Promise<LinkageModel | undefined> {
  return new Promise((resolve, reject) => {
    worker.once('message', (model: LinkageModel | null) => {
      resolve(model ?? undefined);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', () => {
      resolve(undefined);
    });
  });
}

/**
 * A new, empty index for this database; `load` fills it, opening document numbers with
 * `keyring` (they are compared with a typo allowed, so the index needs them in clear).
 */
export function createPersonIndex(
  db: Db,
  keyring: Keyring,
  options: PersonIndexOptions = {},
): PersonIndex {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const index = new MatchIndex({ model: REFERENCE_MODEL });
  let state: IndexState = 'loading';
  let modelSource: PersonIndex['modelSource'] = 'reference';
  let isStopped = false;
  let loading: Promise<void> | undefined;
  let estimating: Promise<void> | undefined;
  let worker: Worker | undefined;
  let feed: PersonChangeFeed | undefined;

  const addNow = (records: readonly PersonRecord[]) => {
    for (const record of records) {
      index.update(record);
    }
  };
  const removeNow = (personIds: readonly string[]) => {
    for (const id of personIds) {
      index.remove(id);
    }
  };
  const applyChanges = (changes: readonly PersonChange[]) => {
    for (const { personId, record } of changes) {
      if (record) {
        index.update(record);
      } else {
        index.remove(personId);
      }
    }
  };

  const stream = async (from: Db, onError: ((error: unknown) => void) | undefined) => {
    // Opened before the first chunk: what the chunks miss, the first catch-up reads.
    feed = await openPersonChangeFeed(from, keyring, {
      apply: applyChanges,
      onError,
      // Applied in one turn of the event loop: small, for the same reason as RECORDS_PER_TURN.
      pageSize: RECORDS_PER_TURN,
      pollIntervalMs: options.pollIntervalMs,
      isListening: options.isListening,
    });
    // A uniform sample of the register (reservoir sampling, Vitter's algorithm R), seeded so
    // that one register always gives one model.
    const sample: PersonRecord[] = [];
    let seen = 0;
    let seed = 1;
    // Park–Miller: 48271 · seed stays below 2^53, so the product is exact.
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    // Sized once, before the heap fills up: arrays grown midway stalled the load (MatchIndex.reserve).
    index.reserve(await countIndexedPersons(from));
    let afterId: string | undefined;
    for (;;) {
      const chunk = await readIndexedPersons(from, keyring, afterId, chunkSize, onError);
      if (isStopped) {
        return;
      }
      for (let from = 0; from < chunk.length; from += RECORDS_PER_TURN) {
        index.load(chunk.slice(from, from + RECORDS_PER_TURN));
        await nextTurn();
      }
      for (const record of chunk) {
        seen += 1;
        const at = seen <= MODEL_SAMPLE_SIZE ? seen - 1 : Math.floor(random() * seen);
        if (at < MODEL_SAMPLE_SIZE) {
          sample[at] = record;
        }
      }
      afterId = chunk.at(-1)?.id;
      if (chunk.length < chunkSize) {
        break;
      }
      await nextTurn();
    }
    await feed.catchUp();
    if (isStopped) {
      return;
    }
    index.setModel(referenceModelFor(index.size));
    state = 'ready';
    await feed.follow();
    // m and u by the batch's EM on this register once it is large enough to learn from
    // (register-model.ts), swapped in when ready; until then, and for a small register, the
    // reference model. Seconds of work at a million persons: off the main thread.
    if (sample.length >= MIN_RECORDS_TO_ESTIMATE && !isStopped) {
      worker = new Worker(new URL('./register-model-worker.js', import.meta.url), {
        workerData: { sample, registerSize: index.size },
      });
      estimating = estimateInWorker(worker)
        .then((model) => {
          if (model && !isStopped) {
            index.setModel(model);
            modelSource = 'register';
          }
        })
        .catch(onError);
    }
  };

  const personIndex: PersonIndex = {
    get state() {
      return state;
    },
    get size() {
      return index.size;
    },
    get modelSource() {
      return modelSource;
    },
    load(from, onError) {
      loading ??= stream(from, onError).catch((error: unknown) => {
        state = 'failed';
        onError?.(error);
      });
      return loading;
    },
    add(records) {
      if (state === 'ready') {
        addNow(records);
      }
    },
    remove(personIds) {
      if (state === 'ready') {
        removeNow(personIds);
      }
    },
    async catchUp() {
      if (state === 'ready') {
        await feed?.catchUp();
      }
    },
    findMatches(record, limit, countedAsAbsent) {
      return state === 'ready' ? index.findMatches(record, { limit, countedAsAbsent }) : undefined;
    },
    async stop() {
      isStopped = true;
      await loading;
      await feed?.stop();
      await worker?.terminate();
      await estimating;
      indexes.get(db)?.delete(personIndex);
    },
  };
  indexes.set(db, (indexes.get(db) ?? new Set()).add(personIndex));
  return personIndex;
}
