/** A one-line progress bar for stderr. */
import type { ResolveProgress } from "../identity/index.js";

/** Renders progress reports as a bar redrawn in place (`\r`), at most every `intervalMs`. */
export function progressBar(write: (text: string) => void, intervalMs = 200): { update: (p: ResolveProgress) => void; done: () => void } {
  let last = 0;
  let shown = false;
  let stage = "";
  return {
    update(p) {
      const now = Date.now();
      if (p.stage === stage && now - last < intervalMs) return;
      stage = p.stage;
      last = now;
      const share = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      const width = 24;
      const filled = Math.round(share * width);
      const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
      const count = p.total > 0 ? ` ${p.done.toLocaleString("en-GB")}/${p.total.toLocaleString("en-GB")}` : "";
      write(`\r${p.stage.padEnd(15)} [${bar}] ${(share * 100).toFixed(0).padStart(3)}%${count}`.padEnd(70));
      shown = true;
    },
    done() {
      if (shown) write("\n");
    },
  };
}
