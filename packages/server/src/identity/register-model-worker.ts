/**
 * Runs estimateRegisterModel (the batch's EM on a sample of the register) off the main thread:
 * it takes seconds at a million persons, and the server must keep answering meanwhile.
 * Started by person-index.ts with the sample as workerData; posts the model, or null.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { estimateRegisterModel, type PersonRecord } from '@haven/core/identity';

// An adapter: workerData is what person-index.ts sent, a structured clone.
const { sample, registerSize } = workerData as {
  readonly sample: readonly PersonRecord[];
  readonly registerSize: number;
};
parentPort?.postMessage(estimateRegisterModel(sample, { registerSize }) ?? null);
