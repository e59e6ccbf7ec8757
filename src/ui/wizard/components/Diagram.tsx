import { Box, Text, useStdout } from 'ink';
import type { NetworkModel, Tier } from '../../../network/model.js';
import { layoutNetwork, renderText, type DiagramLayout } from '../../../network/diagram/index.js';

export type DiagramProps = {
  /** Columns the diagram may use. @default the terminal's width, else 80 */
  width?: number;
  /** Where the ECS tasks run (--tasks-subnet), when a model is given. @default 'private' */
  tasksSubnet?: Tier;
} & ({ /** The network to draw (readTerraformNetwork or readAwsNetwork). */ model: NetworkModel; layout?: never } | { /** A network already laid out (layoutNetwork). */ layout: DiagramLayout; model?: never });

const HEADINGS = new Set(['NAT Gateways', 'Endpoints', 'NACLs', 'Security groups']);

/** The network drawn in the terminal: one box-drawn column per AZ, then NATs, endpoints, NACLs and the security group chain. */
export function Diagram(props: DiagramProps) {
  const { stdout } = useStdout();
  const width = props.width ?? (stdout.columns || 80);
  const layout = props.layout ?? layoutNetwork(props.model!, props.tasksSubnet ? { tasksSubnet: props.tasksSubnet } : {});
  const lines = renderText(layout, width).trimEnd().split('\n');
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end" bold={i === 0 || HEADINGS.has(line)}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
