/**
 * The worker thread of compareInThreads: compares the chunks of candidate pairs it claims, with
 * its own comparer over the comparison table it was sent.
 */
import { workerData } from 'node:worker_threads';
import { createTableComparer } from '@haven/core/identity';
import { compareClaimedChunks, type CompareJob } from './compare-in-threads.js';

// An adapter: workerData is what compareInThreads sent (shared arrays and a structured clone).
const job = workerData as CompareJob;
compareClaimedChunks(job, createTableComparer(job.table), () => {
  Atomics.add(job.control, 1, 1);
  Atomics.notify(job.control, 1);
});
