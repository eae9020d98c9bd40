/**
 * The worker-thread entry of candidate scoring (private; see parallel.ts): it rebuilds the
 * calling thread's pair evaluator from the job and scores chunks of pairs until none is left.
 */
import { workerData } from "node:worker_threads";
import { nicknamesFromJob, preparedFromJob, runScoreJob, type ScoreJob } from "./parallel.js";
import { pairEvaluator } from "./pipeline.js";

runScoreJob(workerData as ScoreJob, (job) => pairEvaluator(preparedFromJob(job), job.settings, job.model, nicknamesFromJob(job)));
