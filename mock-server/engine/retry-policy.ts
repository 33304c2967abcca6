// When the engine retries a command, and after how long (both clocks; the delay goes to clock.setTimer).
// Assumptions (documented in README "Simulator"):
// - A dropped connection (outcome failed with connectionDropped) is retried for any command, up to
//   CONNECTION_RETRY_LIMIT (5) times, CONNECTION_RETRY_DELAY_MS (1 s) apart — Halibut's retry policy
//   (octopus-api.md §5.5: "retry ×5, 1 s apart").
// - A failed script is retried only when its action allows it: property
//   Octopus.Action.AutoRetry.MaximumCount = n (Octopus' step "Retries" option), waiting
//   Octopus.Action.AutoRetry.MinimumBackoff seconds (default 15) before each retry. Failed acquisitions
//   are not retried unless the connection dropped.
import {
  CONNECTION_RETRY_DELAY_MS, CONNECTION_RETRY_LIMIT, DEFAULT_STEP_RETRY_BACKOFF_S, STEP_RETRY_BACKOFF_PROPERTY, STEP_RETRY_COUNT_PROPERTY,
  type CommandOutcome, type CommandRetry, type FleetCommand,
} from './types.js';

function nonNegativeInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}

/**
 * The retry to schedule after `outcome`, given how many retries of each kind this command already had,
 * or undefined when the outcome stands.
 */
export function retryFor(
  command: FleetCommand,
  outcome: CommandOutcome,
  previous: { dropped: number; failed: number },
): CommandRetry | undefined {
  if (outcome.status !== 'failed') return undefined;
  if (outcome.connectionDropped === true) {
    if (previous.dropped >= CONNECTION_RETRY_LIMIT) return undefined;
    return { command, attempt: previous.dropped + previous.failed + 1, reason: 'connection-dropped', delayMs: CONNECTION_RETRY_DELAY_MS };
  }
  if (command.kind !== 'run') return undefined;
  const limit = nonNegativeInt(command.action.properties[STEP_RETRY_COUNT_PROPERTY]) ?? 0;
  if (previous.failed >= limit) return undefined;
  const backoffS = nonNegativeInt(command.action.properties[STEP_RETRY_BACKOFF_PROPERTY]) ?? DEFAULT_STEP_RETRY_BACKOFF_S;
  return { command, attempt: previous.dropped + previous.failed + 1, reason: 'step-failed', delayMs: backoffS * 1000 };
}
