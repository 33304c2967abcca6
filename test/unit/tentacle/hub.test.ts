// The polling hub on a ManualClock, without HTTP: collection by long poll, exactly-once log lines
// (resent lines dropped, gaps refused), per-agent ownership, Halibut's collection timeout for queued
// commands and for silent agents, lost responses as dropped connections, cancel, and the fallback
// fleet for targets without an agent.
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../harness/core/clock.js';
import { TentacleHub, notCollectedMessage } from '../../../mock-server/tentacle/index.js';
import type { AgentSession } from '../../../mock-server/tentacle/session.js';
import type { CommandOutcome, Fleet, FleetCommand, LogCategory } from '../../../mock-server/engine/types.js';

let clock: ManualClock;
let hub: TentacleHub;
let a: AgentSession;
let b: AgentSession;

function run(targetId: string, name = 'Deploy Web App'): FleetCommand {
  const action = { id: 'a1', name, actionType: 'Octopus.Script', isDisabled: false, packages: [], properties: { 'Octopus.Action.Script.ScriptBody': 'echo hi' } };
  return {
    kind: 'run', taskId: 'ServerTasks-1', target: { id: targetId, name: targetId }, variables: {}, action,
    step: { id: 's1', name: 'Step 1', startTrigger: 'StartAfterPrevious', condition: 'Success', packageRequirement: 'LetOctopusDecide', targetRoles: ['web'], runOnServer: false, actions: [action], targets: [] },
  };
}

function record() {
  const lines: [LogCategory, string][] = [];
  const outcomes: CommandOutcome[] = [];
  return { lines, outcomes, callbacks: { log: (c: LogCategory, m: string) => void lines.push([c, m]), done: (o: CommandOutcome) => void outcomes.push(o) } };
}

async function exchange(s: AgentSession, body: { wait?: number; running?: string[]; logs?: { id: string; seq: number; lines: [LogCategory, string][] }[]; done?: ({ id: string; status: 'success' } | { id: string; status: 'failed'; error: string })[] }) {
  return hub.exchange(s, { wait: body.wait ?? 0, running: body.running ?? [], logs: body.logs ?? [], done: body.done ?? [] }, () => undefined);
}

beforeEach(() => {
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  hub = new TentacleHub({ clock, packageDir: '/nonexistent' });
  a = hub.authenticate(hub.register('Machines-1', 'agent-a'))!;
  b = hub.authenticate(hub.register('Machines-2', 'agent-b'))!;
});

describe('TentacleHub', () => {
  it('issues 40-hex tokens that authenticate only their own agent', () => {
    const token = hub.register('Machines-3', 'agent-c');
    expect(token).toMatch(/^[0-9A-F]{40}$/);
    expect(hub.authenticate(token)?.name).toBe('agent-c');
    expect(hub.authenticate('0'.repeat(40))).toBeUndefined();
  });

  it('holds an idle long poll for `wait` ms, then answers empty; a queued command releases it at once', async () => {
    const held = exchange(a, { wait: 30_000 });
    clock.advanceBy(29_999);
    let answered = false;
    void Promise.resolve(held).then(() => { answered = true; });
    await Promise.resolve();
    expect(answered).toBe(false);
    clock.advanceBy(1);
    expect(await held).toEqual({ ok: true, response: { commands: [], cancelled: [] } });

    const second = exchange(a, { wait: 30_000 });
    const r = record();
    hub.execute(run('Machines-1'), r.callbacks);
    expect(await second).toEqual({ ok: true, response: { commands: [{ id: 'cmd-1', kind: 'run', stepName: 'Step 1', actionName: 'Deploy Web App', actionType: 'Octopus.Script', script: 'echo hi', variables: {}, packageBytes: 0 }], cancelled: [] } });
  });

  it('applies numbered lines exactly once: resent lines are dropped, a gap is refused', async () => {
    const r = record();
    hub.execute(run('Machines-1'), r.callbacks);
    await exchange(a, {});
    await exchange(a, { running: ['cmd-1'], logs: [{ id: 'cmd-1', seq: 0, lines: [['Info', 'one'], ['Info', 'two']] }] });
    // The response was lost: the agent resends both plus a third.
    await exchange(a, { running: ['cmd-1'], logs: [{ id: 'cmd-1', seq: 0, lines: [['Info', 'one'], ['Info', 'two'], ['Warning', 'three']] }] });
    expect(await exchange(a, { running: ['cmd-1'], logs: [{ id: 'cmd-1', seq: 5, lines: [['Info', 'six']] }] })).toEqual({
      ok: false, status: 400, problems: ['logs[0].seq: expected at most 3, got 5 (lines would be missing)'],
    });
    await exchange(a, { done: [{ id: 'cmd-1', status: 'success' }] });
    expect(r.lines).toEqual([['Info', 'one'], ['Info', 'two'], ['Warning', 'three']]);
    expect(r.outcomes).toEqual([{ status: 'success' }]);
    expect(hub.linesAccepted).toBe(3);
  });

  it("refuses another agent's command as not found and leaves it untouched", async () => {
    const r = record();
    hub.execute(run('Machines-1'), r.callbacks);
    await exchange(a, {});
    expect(await exchange(b, { done: [{ id: 'cmd-1', status: 'failed', error: 'x' }] })).toEqual({ ok: false, status: 404, problems: ["The resource 'cmd-1' (Command) was not found."] });
    expect(await exchange(b, { logs: [{ id: 'cmd-1', seq: 0, lines: [['Info', 'x']] }] })).toMatchObject({ ok: false, status: 404 });
    expect(r.lines).toEqual([]);
    expect(r.outcomes).toEqual([]);
  });

  it('fails a command not collected within the collection timeout with Halibut’s message', () => {
    const r = record();
    hub.execute(run('Machines-1'), r.callbacks);
    clock.advanceBy(119_999);
    expect(r.outcomes).toEqual([]);
    clock.advanceBy(1);
    expect(r.outcomes).toEqual([{ status: 'failed', error: notCollectedMessage(120_000) }]);
    expect(notCollectedMessage(120_000)).toBe('A request was sent to a polling endpoint, but the polling endpoint did not collect the request within the allowed time (00:02:00), so the request timed out.');
  });

  it('fails the running commands of an agent that stops talking', async () => {
    const r = record();
    hub.execute(run('Machines-1'), r.callbacks);
    await exchange(a, {});
    clock.advanceBy(150_000);
    expect(r.outcomes).toEqual([{ status: 'failed', error: notCollectedMessage(120_000) }]);
  });

  it('treats a collected command missing from the next exchange as a dropped connection', async () => {
    const r = record();
    hub.execute(run('Machines-1'), r.callbacks);
    await exchange(a, {});
    await exchange(a, { running: [] });
    expect(r.outcomes).toEqual([{ status: 'failed', error: 'The connection to agent-a was lost while it ran the command', connectionDropped: true }]);
  });

  it('reports a cancelled running command to its agent', async () => {
    const r = record();
    const handle = hub.execute(run('Machines-1'), r.callbacks);
    await exchange(a, {});
    const held = exchange(a, { running: ['cmd-1'], wait: 1_000 });
    handle.cancel();
    expect(await held).toEqual({ ok: true, response: { commands: [], cancelled: ['cmd-1'] } });
    expect(r.outcomes).toEqual([{ status: 'cancelled' }]);
  });

  it('sends targets without an agent to the fallback fleet, or fails them without one', () => {
    const seen: string[] = [];
    const fallback: Fleet = { execute: (c, cb) => { seen.push(c.target.id); cb.done({ status: 'success' }); return { cancel: () => undefined }; } };
    const withFallback = new TentacleHub({ clock, fallback });
    const r1 = record();
    withFallback.execute(run('octopus-server'), r1.callbacks);
    expect(seen).toEqual(['octopus-server']);
    const r2 = record();
    hub.execute(run('Machines-9'), r2.callbacks);
    expect(r2.outcomes).toEqual([{ status: 'failed', error: 'No agent is registered for Machines-9' }]);
  });
});
