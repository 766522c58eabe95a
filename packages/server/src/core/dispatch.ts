/**
 * @module Dispatch (dekretacja), decided once for every backend: an item assigned to a department
 * (and officer), accepted, or forwarded by a department that got it wrongly; a later assignment
 * never extends the first deadline (instrukcja kancelaryjna § 26.8), and the date received stays
 * the office's.
 */
import type { Dispatch } from './ports.js';

/** Why a step cannot be taken: said to the clerk as it is. */
export class DispatchError extends Error {
  override readonly name = 'DispatchError';
}

/** The deadline of the item's first assignment that set one, if any: later ones may not pass it. */
export const firstDeadline = (history: readonly Dispatch[]): string | null =>
  history.find((d) => d.kind === 'assigned' && d.deadline)?.deadline ?? null;

type Step = Omit<Dispatch, 'seq' | 'fromDepartment' | 'actor' | 'at'>;

/** The step as it is recorded: numbered after the item's history, from the department that holds it. */
export function nextDispatch(
  history: readonly Dispatch[],
  holder: string,
  step: Step,
  actor: string,
  now: Date,
): Dispatch {
  const first = firstDeadline(history);
  if (step.kind === 'assigned' && first && step.deadline && step.deadline > first)
    throw new DispatchError(`a reassignment cannot extend the first deadline (${first})`);
  if (step.kind === 'forwarded' && step.department === holder)
    throw new DispatchError(`the item is already with ${holder}`);
  if (step.kind === 'accepted') {
    const last = history.at(-1);
    if (last?.kind === 'accepted' && last.department === holder)
      throw new DispatchError(`${holder} has accepted it already`);
  }
  return {
    ...step,
    seq: history.length + 1,
    fromDepartment: holder,
    // What an assignment leaves out, or a forwarding carries, is the first deadline: never a later one.
    deadline: step.deadline ?? first,
    actor,
    at: now.toISOString(),
  };
}
