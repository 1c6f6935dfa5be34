// Preloaded with `node --import` into a measured process: as the process exits, writes its own CPU time and peak
// RSS to the file named by M365_BENCH_USAGE_FILE, so the program measured needs no change.
import { writeFileSync } from 'node:fs';

export interface Usage {
  cpuSeconds: number;
  peakRssMB: number;
}

const file = process.env.M365_BENCH_USAGE_FILE;
if (file !== undefined) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const measured: Usage = {
      cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      peakRssMB: usage.maxRSS / 1024,
    };
    writeFileSync(file, JSON.stringify(measured));
  });
}
