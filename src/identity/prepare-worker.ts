/**
 * The worker-thread entry of preparation (private; see prepare-threads.ts): it prepares the half
 * of the records it receives and posts the result.
 */
import { workerData } from "node:worker_threads";
import { runPrepareJob, type PrepareJob } from "./prepare-threads.js";

runPrepareJob(workerData as PrepareJob);
