import { Box, Text } from 'ink';
import { checkMark, summarizeChecks, type Check } from '../../../core/checks.js';

const COLORS = { '✔': 'green', '✗': 'red', '·': undefined, '–': undefined } as const;

/** One check as a line: its mark, its title, and (when it did not pass) why. */
export function CheckLine({ check }: { check: Check }) {
  const mark = checkMark(check);
  return (
    <Box paddingLeft={2}>
      <Box width={2} flexShrink={0}>
        <Text color={COLORS[mark]} dimColor={mark === '–' || mark === '·'}>
          {mark}
        </Text>
      </Box>
      <Text>
        {check.title}
        {check.status !== 'pass' && <Text color={check.status === 'fail' ? 'red' : undefined} dimColor={check.status !== 'fail'}> — {check.detail}</Text>}
      </Text>
    </Box>
  );
}

/**
 * Checks summed up: one line per group (Traffic 14/14 as asked · Live network 20/20 as asked ·
 * Baseline 2 findings, 5 accepted), with what failed listed under its group; every check with
 * `verbose`. Says how to see the rest when lines are hidden.
 */
export function CheckSummary({ checks, verbose, toggleKey }: { checks: Check[]; verbose: boolean; toggleKey?: string }) {
  const groups = summarizeChecks(checks, verbose);
  if (groups.length === 0) return null;
  const hidden = groups.reduce((n, g) => n + g.shown.length, 0) < checks.length;
  return (
    <Box flexDirection="column">
      {groups.map((g) => (
        <Box key={g.group} flexDirection="column">
          <Text>
            {g.failed ? <Text color={g.group === 'baseline' ? 'yellow' : 'red'}>{g.group === 'baseline' ? '!' : '✗'}</Text> : <Text color="green">✔</Text>} <Text bold>{g.line}</Text>
          </Text>
          {g.shown.map((c) => (
            <CheckLine key={c.id} check={c} />
          ))}
        </Box>
      ))}
      {toggleKey && (hidden || verbose) && <Text dimColor>{verbose ? `${toggleKey}: only what needs a look` : `${toggleKey}: every line`}</Text>}
    </Box>
  );
}
