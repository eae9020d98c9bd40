/**
 * The worker-thread entry of matching (private; see parallel.ts): it rebuilds the calling thread's
 * prepared records from its setup, then scores chunks of candidate pairs or estimates u, task by
 * task.
 */
import { parentPort, workerData } from "node:worker_threads";
import { serveTasks, type WorkerSetup } from "./parallel.js";
import { pairEvaluator } from "./pipeline.js";
import { estimateU } from "./train.js";

serveTasks(workerData as WorkerSetup, parentPort!, {
  evaluator: pairEvaluator,
  estimateU: (prepared, settings, options) => estimateU(prepared, settings.comparisons, options),
});
