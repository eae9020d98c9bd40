/**
 * Wall-clock and CPU time of a function (the machine is shared, so the CPU time this process got
 * is printed beside the wall time: on a busy machine wall time grows while CPU time does not).
 */

/** Median wall and CPU milliseconds of `runs` calls of `fn` after `warmup` unmeasured calls. */
export function medianTimes(fn: () => unknown, runs = 5, warmup = 1): { wallMs: number; cpuMs: number } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

/** Wall and CPU milliseconds of one call, with its result. */
export function timedOnce<T>(fn: () => T): { result: T; wallMs: number; cpuMs: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  const result = fn();
  const wallMs = performance.now() - t;
  const d = process.cpuUsage(c);
  return { result, wallMs, cpuMs: (d.user + d.system) / 1000 };
}
