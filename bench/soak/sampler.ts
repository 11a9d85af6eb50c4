import { readFileSync } from 'node:fs';

export interface Sample {
  /** Seconds since the traffic started. */
  t: number;
  rssMiB: number;
  /** CPU of the process since the previous sample, in % of one core. */
  cpuPercent: number;
  /** Messages sent so far. */
  sent: number;
}

const read = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** VmRSS of /proc/PID/status, in MiB (NaN once the process is gone). */
export const rssMiB = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`))?.[1] ?? NaN) / 1024;

/** utime + stime of /proc/PID/stat, in seconds (USER_HZ is 100 on Linux). */
export function cpuSeconds(pid: number): number {
  const fields = read(`/proc/${pid}/stat`).replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Samples RSS and CPU% of `pid` once a second until stop(). */
export function sampleProcess(pid: number, sent: () => number) {
  const samples: Sample[] = [];
  const started = performance.now();
  let lastCpu = cpuSeconds(pid);
  let lastAt = started;
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = cpuSeconds(pid);
    samples.push({ t: (now - started) / 1000, rssMiB: rssMiB(pid), cpuPercent: (100 * (cpu - lastCpu)) / ((now - lastAt) / 1000), sent: sent() });
    lastCpu = cpu;
    lastAt = now;
  }, 1000);
  return {
    samples,
    stop: () => clearInterval(timer),
  };
}
