/** The diagram as the wizard's screen shows it: the AZ columns side by side, within the width given. */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { readTerraformNetwork } from '../../src/network/from-terraform.js';
import { layoutNetwork } from '../../src/network/diagram/index.js';
import { Diagram } from '../../src/ui/wizard/components/Diagram.js';
import { synthesized } from '../helpers/stack.js';

describe('Diagram', () => {
  it('draws the model: both AZs side by side, the NAT and where each private subnet goes, the SG chain', async () => {
    const { json } = await synthesized({ nat: 'single', azs: 'a,c' });
    const ui = render(<Diagram model={readTerraformNetwork(json)} width={80} />);
    const frame = ui.lastFrame()!;
    const lines = frame.split('\n');
    expect(lines[0]).toBe('VPC shop-dev-vpc 10.0.0.0/16');
    expect(lines.find((l) => l.includes('ap-northeast-1a'))).toMatch(/┌─ ap-northeast-1a ─+┐ ┌─ ap-northeast-1c ─+┐/);
    expect(frame).toMatch(/│ public shop-dev-public-subnet-a\s+│ │ public shop-dev-public-subnet-c\s+│/);
    expect(frame).toMatch(/│ 0\.0\.0\.0\/0 → shop-dev-nat-a\s+│ │ 0\.0\.0\.0\/0 → shop-dev-nat-a \(in 1a\)\s+│/);
    expect(frame).toContain('shop-dev-nat-a in shop-dev-public-subnet-a (ap-northeast-1a)');
    expect(frame.replace(/\n\s+/g, ' ')).toContain('internet ─tcp 80, 443→ ALB (shop-dev-alb-sg) ─tcp 80, 3000→ ECS tasks (shop-dev-ecs-sg) ─tcp 5432→ RDS (shop-dev-rds-sg)');
    expect(Math.max(...lines.map((l) => stringWidth(l)))).toBeLessThanOrEqual(80);
    ui.unmount();
  });

  it('takes a layout too, and a narrow width puts the AZs one under the other', async () => {
    const { json } = await synthesized({ nat: 'per-az', azs: 'a,c' });
    const ui = render(<Diagram layout={layoutNetwork(readTerraformNetwork(json))} width={50} />);
    const lines = ui.lastFrame()!.split('\n');
    const tops = lines.filter((l) => l.startsWith('┌─ '));
    expect(tops.map((l) => l.match(/ap-northeast-1\w/g))).toEqual([['ap-northeast-1a'], ['ap-northeast-1c']]);
    expect(Math.max(...lines.map((l) => stringWidth(l)))).toBeLessThanOrEqual(50);
    ui.unmount();
  });
});
