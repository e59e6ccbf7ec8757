import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { applyProgress, type ResourceState, type RunState } from '../../../core/run-events.js';
import { duration } from '../../../core/resource-words.js';
import { ACTION_WORDS } from '../../../core/wording.js';
import { Spinner } from './Spinner.js';

/** Seconds a resource has been at work: terraform's own count, or the clock since it started. */
function elapsed(r: ResourceState, now: number): number {
  const local = r.startedAt ? Math.floor((now - r.startedAt) / 1000) : 0;
  return Math.max(r.elapsedSeconds ?? 0, local);
}

/** A bar of `width` cells for a share from 0 to 1. */
export function progressBar(share: number, width = 30): string {
  const full = Math.round(share * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
}

/** What a resource is, in plain words (src/core/resource-words.ts); the address itself by default. */
export type DescribeResource = (address: string) => string;

/**
 * One finished resource, as the screen keeps it: `✔ NAT Gateway in ap-northeast-1a
 * (shop-dev-nat-a) 1m12s` and, dim beside it, what terraform did and the address.
 */
export function FinishedResource({ resource: r, describe = (a) => a }: { resource: ResourceState; describe?: DescribeResource }) {
  const ok = r.status === 'done';
  const words = describe(r.address);
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        {ok ? <Text color={r.action === 'delete' ? 'red' : 'green'}>✔</Text> : <Text color="red">✗</Text>}
      </Box>
      <Text>
        {words} {duration(r.elapsedSeconds ?? 0)}{' '}
        <Text dimColor>
          {ok ? ACTION_WORDS[r.action].done : `${ACTION_WORDS[r.action].doing} failed`}
          {words === r.address ? '' : ` · ${r.address}`}
          {r.id ? ` [${r.id}]` : ''}
        </Text>
      </Text>
    </Box>
  );
}

/**
 * Apply progress below what is finished (the wizard keeps the finished resources above it, in
 * the order they finished): the resources still at work with a spinner and their time, then an
 * overall bar with the count, the time since the apply began and what is still running.
 */
export function ApplyProgress({ state, title, describe = (a) => a }: { state: RunState; title: string; describe?: DescribeResource }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const running = state.resources.filter((r) => r.status === 'running');
  const total = state.plan ? state.plan.add + state.plan.change + state.plan.destroy : 0;
  const share = applyProgress(state);
  const started = (state.steps.apply ?? state.steps.destroy)?.startedAt;
  const since = started ? ` · ${duration((now - started) / 1000)} elapsed` : '';
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {running.map((r) => (
        <Text key={r.address}>
          <Spinner /> {describe(r.address)}{' '}
          <Text dimColor>
            {ACTION_WORDS[r.action].doing}… {duration(elapsed(r, now))}
            {describe(r.address) === r.address ? '' : ` · ${r.address}`}
          </Text>
        </Text>
      ))}
      {total > 0 && (
        <Text>
          <Text color="cyan">{progressBar(share)}</Text> {Math.round(share * total)}/{total}
          {since}
          {running.length > 0 ? <Text dimColor> · still running: {running.length}</Text> : null}
        </Text>
      )}
    </Box>
  );
}
