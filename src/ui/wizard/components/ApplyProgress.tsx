import { Box, Static, Text } from 'ink';
import { useEffect, useState } from 'react';
import { applyProgress, type ResourceState, type RunState } from '../../../core/run-events.js';
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

/**
 * Apply progress: finished resources as lines kept above (Ink's Static), the ones still at work
 * with a spinner and their elapsed time, and an overall bar.
 */
export function ApplyProgress({ state, title }: { state: RunState; title: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // Static prints each item once, by position: feed it the append-only list of finished resources.
  const byAddress = new Map(state.resources.map((r) => [r.address, r]));
  const finished = state.finished.map((address) => byAddress.get(address)!);
  const running = state.resources.filter((r) => r.status === 'running');
  const total = state.plan ? state.plan.add + state.plan.change + state.plan.destroy : 0;
  const share = applyProgress(state);
  return (
    <Box flexDirection="column">
      <Static items={finished}>
        {(r) => (
          <Text key={r.address}>
            {r.status === 'done' ? <Text color={r.action === 'delete' ? 'red' : 'green'}>✔</Text> : <Text color="red">✗</Text>} {r.address}{' '}
            <Text dimColor>
              {r.status === 'done' ? ACTION_WORDS[r.action].done : 'failed'} after {r.elapsedSeconds ?? 0}s{r.id ? ` [${r.id}]` : ''}
            </Text>
          </Text>
        )}
      </Static>
      <Text bold>{title}</Text>
      {running.map((r) => (
        <Text key={r.address}>
          <Spinner /> {r.address} <Text dimColor>{ACTION_WORDS[r.action].doing}… {elapsed(r, now)}s</Text>
        </Text>
      ))}
      {total > 0 && (
        <Text>
          <Text color="cyan">{progressBar(share)}</Text> {Math.round(share * total)}/{total}
        </Text>
      )}
    </Box>
  );
}
