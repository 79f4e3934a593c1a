import { getHeapStatistics } from 'node:v8';
import { boundHeapGrowth } from '../../src/lib/heap-growth.js';

describe('the heap growth bound set once the bot is ready', () => {
  test.each([
    ['node --heap-growing-percent=0 (V8 own factor)', ['--heap-growing-percent=0']],
    ['node --heap_growing_percent=100', ['--heap_growing_percent=100']],
  ])('an operator who chose a factor keeps it: %s', (_label, execArgv) => {
    expect(boundHeapGrowth(execArgv)).toBe(false);
  });

  test('with none chosen the bound is set and the process keeps running', () => {
    expect(boundHeapGrowth([])).toBe(true);
    expect(getHeapStatistics().used_heap_size).toBeGreaterThan(0);
  });
});
