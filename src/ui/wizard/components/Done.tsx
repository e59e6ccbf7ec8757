import { Box, Text } from 'ink';
import type { Check } from '../../../core/checks.js';
import { CheckSummary } from './CheckSummary.js';

export interface DoneProps {
  outputs: Record<string, unknown>;
  /** The static and live checks, and the baseline's findings. */
  checks: Check[];
  /** Every check line, not only what failed. */
  verbose?: boolean;
  /** The key that switches `verbose`, for the hint. */
  toggleKey?: string;
  nextSteps: string[];
}

/** A line's mark (`?`, `✗`, `✔`), and the rest: the rest wraps under itself, not under the mark. */
function marked(line: string): [string, string] {
  const m = /^([?✗✔!]) (.*)$/su.exec(line);
  return m ? [m[1]!, m[2]!] : ['•', line];
}

/** The outputs, the checks summed up by group (failures listed), and what to do next. */
export function Done({ outputs, checks, verbose = false, toggleKey, nextSteps }: DoneProps) {
  return (
    <Box flexDirection="column" marginTop={1}>
      {Object.keys(outputs).length > 0 && <Text bold>Outputs</Text>}
      {Object.entries(outputs).map(([name, value]) => (
        <Text key={name}>
          {'  '}
          {name} = <Text color="cyan">{Array.isArray(value) ? `[${value.join(', ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value)}</Text>
        </Text>
      ))}
      {checks.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Verification</Text>
          <CheckSummary checks={checks} verbose={verbose} {...(toggleKey ? { toggleKey } : {})} />
        </Box>
      )}
      <Box flexDirection="column" marginTop={1}>
        {nextSteps.map((s) => {
          const [mark, rest] = marked(s);
          return (
            <Box key={s}>
              <Box width={2} flexShrink={0}>
                <Text color={mark === '?' ? 'cyan' : mark === '✗' ? 'red' : undefined} dimColor={mark === '•'}>
                  {mark}
                </Text>
              </Box>
              <Text>{rest}</Text>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
