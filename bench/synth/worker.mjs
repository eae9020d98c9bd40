// Generates one part of a data set in a worker thread and reports counts (the data stays here).
import { parentPort, workerData } from "node:worker_threads";
import { streamCrmDataset } from "../../dist/synth/index.js";

const counts = { persons: 0, sourceRecords: 0, transactions: 0, interactions: 0 };
for (const chunk of streamCrmDataset(workerData)) {
  counts.persons += chunk.persons.length;
  counts.sourceRecords += chunk.sourceRecords.length;
  counts.transactions += chunk.transactions.length;
  counts.interactions += chunk.interactions.length;
}
parentPort.postMessage(counts);
