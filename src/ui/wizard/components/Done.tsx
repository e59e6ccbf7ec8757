import { Box, Text } from 'ink';
import type { Check } from '../../../core/checks.js';

export interface DoneProps {
  outputs: Record<string, unknown>;
  verification: Check[];
  nextSteps: string[];
}

/** The outputs, the live verification checklist, and what to do next. */
export function Done({ outputs, verification, nextSteps }: DoneProps) {
  return (
    <Box flexDirection="column" marginTop={1}>
      {Object.keys(outputs).length > 0 && <Text bold>Outputs</Text>}
      {Object.entries(outputs).map(([name, value]) => (
        <Text key={name}>
          {'  '}
          {name} = <Text color="cyan">{Array.isArray(value) ? `[${value.join(', ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value)}</Text>
        </Text>
      ))}
      {verification.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Verification</Text>
          {verification.map((c) => (
            <Text key={c.id}>
              {'  '}
              {c.status === 'pass' ? <Text color="green">✔</Text> : c.status === 'fail' ? <Text color="red">✗</Text> : <Text dimColor>–</Text>} {c.title}
              {c.status !== 'pass' && <Text dimColor> — {c.detail}</Text>}
            </Text>
          ))}
        </Box>
      )}
      <Box flexDirection="column" marginTop={1}>
        {nextSteps.map((s) => (
          <Text key={s}>{s}</Text>
        ))}
      </Box>
    </Box>
  );
}
