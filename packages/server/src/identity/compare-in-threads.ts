/**
 * The candidate comparison of deduplicatePersons shared with one worker thread (#3: a million
 * registrations resolved within a minute on two cores). deduplicatePersons stays synchronous:
 * the pairs are cut into chunks that both threads claim from a shared counter, so neither waits
 * on the other's start-up or load, and the calling thread waits (Atomics.wait) only for the
 * worker's last chunk. Each pair is compared by the same code as compareCandidatePairs, only in
 * another thread, so the patterns are the same.
 */
import { Worker } from 'node:worker_threads';
import {
  comparePairRange,
  type CandidateComparison,
  type ComparisonTable,
} from '@haven/core/identity';

/** Pairs per chunk: small enough to share the tail evenly, large enough to claim rarely. */
const CHUNK_PAIRS = 16_384;
/** Below this many pairs a thread costs more to start than it saves. */
const MIN_PAIRS_FOR_WORKER = 100_000;
/** A worker that finishes no chunk for this long is taken for dead: its chunks are done here. */
const STALL_MS = 30_000;

/** Chunk states. */
const CLAIMED = 1;
const DONE = 2;

/** What the worker receives (compare-worker.ts). */
export interface CompareJob {
  readonly table: ComparisonTable;
  readonly first: Uint32Array;
  readonly second: Uint32Array;
  readonly patterns: Uint16Array;
  readonly isSwapped: Uint8Array;
  /** [next chunk to claim, chunks the worker has finished] */
  readonly control: Int32Array;
  /** Per chunk: 0, CLAIMED or DONE. */
  readonly chunkStates: Int32Array;
  readonly chunkPairs: number;
}

const shared = <T>(make: (buffer: SharedArrayBuffer) => T, bytes: number): T =>
  make(new SharedArrayBuffer(Math.max(bytes, 8)));

/**
 * Claims chunks until none is left, comparing each; used by both threads.
 * @example compareClaimedChunks(job, comparer)
 */
export function compareClaimedChunks(
  job: CompareJob,
  comparer: Parameters<CandidateComparison>[1],
  onChunkDone: () => void = () => undefined,
): void {
  const chunkCount = job.chunkStates.length;
  for (;;) {
    const chunk = Atomics.add(job.control, 0, 1);
    if (chunk >= chunkCount) {
      return;
    }
    Atomics.store(job.chunkStates, chunk, CLAIMED);
    const from = chunk * job.chunkPairs;
    const to = Math.min(from + job.chunkPairs, job.first.length);
    comparePairRange(comparer, job.first, job.second, from, to, job.patterns, job.isSwapped);
    Atomics.store(job.chunkStates, chunk, DONE);
    onChunkDone();
  }
}

/** The worker's script: from source (the tests), its built copy, since Node cannot run .ts. */
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? '../../dist/identity/compare-worker.js' : './compare-worker.js',
  import.meta.url,
);

/**
 * compareCandidatePairs with a worker thread beside the calling one, for Node programs (the CLI,
 * the benchmark). Fewer than `minPairs` pairs are compared here alone.
 * @example deduplicatePersons(records, { compareCandidates: createThreadedComparison() })
 */
export function createThreadedComparison({
  minPairs = MIN_PAIRS_FOR_WORKER,
  chunkPairs = CHUNK_PAIRS,
  workerUrl = WORKER_URL,
}: {
  readonly minPairs?: number;
  readonly chunkPairs?: number;
  readonly workerUrl?: URL;
} = {}): CandidateComparison {
  return (table, comparer, first, second) =>
    compareWithWorker(table, comparer, { first, second }, { minPairs, chunkPairs, workerUrl });
}

/** The threaded comparison with its defaults. */
export const compareInThreads: CandidateComparison = createThreadedComparison();

function compareWithWorker(
  table: ComparisonTable,
  comparer: Parameters<CandidateComparison>[1],
  { first, second }: { readonly first: Uint32Array; readonly second: Uint32Array },
  {
    minPairs,
    chunkPairs,
    workerUrl,
  }: { readonly minPairs: number; readonly chunkPairs: number; readonly workerUrl: URL },
): ReturnType<CandidateComparison> {
  const count = first.length;
  const patterns = shared((buffer) => new Uint16Array(buffer, 0, count), count * 2);
  const isSwapped = shared((buffer) => new Uint8Array(buffer, 0, count), count);
  if (count < minPairs) {
    comparePairRange(comparer, first, second, 0, count, patterns, isSwapped);
    return { patterns, isSwapped };
  }
  const copy = (pairs: Uint32Array): Uint32Array => {
    const copied = shared((buffer) => new Uint32Array(buffer, 0, count), count * 4);
    copied.set(pairs);
    return copied;
  };
  const chunkCount = Math.ceil(count / chunkPairs);
  const job: CompareJob = {
    table,
    first: copy(first),
    second: copy(second),
    patterns,
    isSwapped,
    control: shared((buffer) => new Int32Array(buffer, 0, 2), 8),
    chunkStates: shared((buffer) => new Int32Array(buffer, 0, chunkCount), chunkCount * 4),
    chunkPairs,
  };
  const worker = new Worker(workerUrl, { workerData: job });
  // A worker that fails to start claims nothing, and this thread compares every chunk; the
  // listener keeps its error from ending the process.
  worker.on('error', () => undefined);
  compareClaimedChunks(job, comparer);
  // Chunks the worker claimed: wait while it finishes them, or compare them here if it stalls.
  for (;;) {
    const pending: number[] = [];
    for (let chunk = 0; chunk < chunkCount; chunk++) {
      if (Atomics.load(job.chunkStates, chunk) !== DONE) {
        pending.push(chunk);
      }
    }
    if (pending.length === 0) {
      break;
    }
    const finished = Atomics.load(job.control, 1);
    if (Atomics.wait(job.control, 1, finished, STALL_MS) === 'timed-out') {
      for (const chunk of pending) {
        const from = chunk * chunkPairs;
        const to = Math.min(from + chunkPairs, count);
        comparePairRange(comparer, first, second, from, to, patterns, isSwapped);
        Atomics.store(job.chunkStates, chunk, DONE);
      }
    }
  }
  void worker.terminate();
  return { patterns, isSwapped };
}
