import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useState } from 'react';
import type { StopSignal } from '../../../core/errors.js';

/** What the user answered to the demo offer. */
export type DemoAnswer = 'yes' | 'no' | StopSignal;

/**
 * Asked when there are no AWS credentials and moto can be started here: run the whole wizard on
 * a local emulator now (Enter or y), or only write the project (n).
 */
export function DemoOffer({ onAnswer, signals }: { onAnswer(answer: DemoAnswer): void; signals?(handler: (signal: StopSignal) => void): () => void }) {
  const { exit } = useApp();
  const [answered, setAnswered] = useState<DemoAnswer | undefined>(undefined);
  const answer = (a: DemoAnswer) => {
    if (answered) return;
    onAnswer(a);
    setAnswered(a);
  };
  // Leave once the answer is on screen.
  useEffect(() => {
    if (answered) exit();
  }, [answered]);
  useEffect(() => signals?.((signal) => answer(signal)), [signals]);
  useInput((typed, key) => {
    // A letter and the Enter after it in one read (`y\r`, a script, a fast typist) answer as the letter.
    const input = typed.length > 1 && !key.ctrl ? typed.replace(/[\r\n]+$/, '') : typed;
    if (input === '\u0003' || (key.ctrl && input === 'c')) answer('SIGINT');
    else if (input === 'y' || input === 'Y' || key.return) answer('yes');
    else if (input === 'n' || input === 'N' || key.escape) answer('no');
  });
  if (answered === 'yes' || answered === 'no') {
    return (
      <Text>
        <Text color="green">✔</Text> Try it on a local emulator now?: {answered === 'yes' ? 'yes (moto, on 127.0.0.1)' : 'no: only the Terraform project is written'}
      </Text>
    );
  }
  if (answered) return null;
  return (
    <Box flexDirection="column">
      <Text>No AWS credentials were found (AWS_ACCESS_KEY_ID, AWS_PROFILE, ~/.aws/credentials).</Text>
      <Text>
        <Text color="cyan" bold>
          ?{' '}
        </Text>
        <Text bold>Try it on a local emulator now?</Text> <Text dimColor>(Y/n)</Text>
      </Text>
      <Box paddingLeft={2}>
        <Text dimColor>moto starts here on 127.0.0.1 for this run and stops at the end; nothing touches AWS. n: only write the Terraform project.</Text>
      </Box>
    </Box>
  );
}
