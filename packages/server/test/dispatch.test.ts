// Dispatch decided in core: numbered steps from the department that holds the item, a first
// deadline that a reassignment may shorten and never extend, no forwarding to itself, one acceptance.
import { describe, expect, it } from 'vitest';
import { DispatchError, firstDeadline, nextDispatch } from '../src/core/dispatch.js';
import type { Dispatch } from '../src/core/ports.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const step = (kind: Dispatch['kind'], department: string, deadline: string | null = null) => ({
  kind,
  department,
  officer: null,
  deadline,
  note: null,
  reason: kind === 'forwarded' ? 'nie nasza' : null,
});

describe('dispatch', () => {
  it('numbers the steps and names the department each left', () => {
    const a = nextDispatch([], 'WSO', step('assigned', 'WGN', '2026-12-20'), 'token:registrar#1', NOW);
    expect(a).toMatchObject({ seq: 1, fromDepartment: 'WSO', department: 'WGN', deadline: '2026-12-20' });
    const f = nextDispatch([a], 'WGN', step('forwarded', 'WK'), 'token:department:WGN#2', NOW);
    // A forwarding carries the first deadline: the clock is the office's.
    expect(f).toMatchObject({ seq: 2, fromDepartment: 'WGN', department: 'WK', deadline: '2026-12-20' });
    expect(firstDeadline([a, f])).toBe('2026-12-20');
  });

  it('lets a reassignment shorten the first deadline, never extend it', () => {
    const a = nextDispatch([], 'WSO', step('assigned', 'WGN', '2026-12-20'), 'x', NOW);
    expect(() => nextDispatch([a], 'WGN', step('assigned', 'WK', '2026-12-21'), 'x', NOW)).toThrow(
      new DispatchError('a reassignment cannot extend the first deadline (2026-12-20)'),
    );
    expect(nextDispatch([a], 'WGN', step('assigned', 'WK', '2026-12-18'), 'x', NOW).deadline).toBe('2026-12-18');
    const b = nextDispatch([a], 'WGN', step('assigned', 'WK', '2026-12-18'), 'x', NOW);
    // The first deadline stays the limit, however many reassignments shortened it since.
    expect(() => nextDispatch([a, b], 'WK', step('assigned', 'WSO', '2026-12-20'), 'x', NOW)).not.toThrow();
  });

  it('refuses forwarding an item to the department that holds it, and a second acceptance', () => {
    expect(() => nextDispatch([], 'WGN', step('forwarded', 'WGN'), 'x', NOW)).toThrow(/already with WGN/);
    const ok = nextDispatch([], 'WGN', step('accepted', 'WGN'), 'x', NOW);
    expect(() => nextDispatch([ok], 'WGN', step('accepted', 'WGN'), 'x', NOW)).toThrow(/accepted it already/);
  });
});
