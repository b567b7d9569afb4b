import { describe, expect, it, vi } from 'vitest';
import { mainThreadCpuMs, startPhases } from './startPhases';

describe('start phases (issue 15 §4)', () => {
  it("reads the main thread's own CPU time, which grows with work on this thread", () => {
    const before = mainThreadCpuMs();
    if (process.platform !== 'linux') return expect(before).toBeUndefined();
    let x = 0;
    const start = process.cpuUsage();
    while (process.cpuUsage(start).user < 100_000) x += Math.sqrt(x + 1); // 100 ms of CPU, whatever the load
    expect(x).toBeGreaterThan(0);
    expect(mainThreadCpuMs()! - before!).toBeGreaterThanOrEqual(50); // 10 ms ticks
  });

  it('writes one line per phase with wall, process CPU and main-thread CPU, and nothing when off', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      startPhases(false).mark('modules loaded');
      expect(write).not.toHaveBeenCalled();
      startPhases(true).mark('modules loaded');
      expect(write).toHaveBeenCalledTimes(1);
      const line = String(write.mock.calls[0]![0]);
      expect(line).toMatch(/^engraft start phase: modules loaded +wall +\d+ ms \(\+\d+\) +cpu +\d+ ms \(\+\d+\)/);
      if (process.platform === 'linux') expect(line).toMatch(/ main +\d+ ms \(\+\d+\)\n$/);
    } finally {
      write.mockRestore();
    }
  });
});
