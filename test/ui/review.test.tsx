/**
 * The review of an attach, as the screen shows it: the existing VPC, each subnet with its class
 * and the route that decided it, what is adopted and the commands for the Terraform that made it,
 * with the configuration as attached (the VPC's own AZs).
 */
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { Review } from '../../src/ui/wizard/components/Review.js';
import { attachedPlan } from '../helpers/existing-vpc.js';
import { synthesized } from '../helpers/stack.js';
import { readTerraformNetwork } from '../../src/network/from-terraform.js';
import { layoutNetwork } from '../../src/network/diagram/index.js';
import { resolveConfig } from '../../src/core/config.js';
import { planNat } from '../../src/core/nat-plan.js';

describe('Review of a network attached to an existing VPC', () => {
  it('shows the VPC, each subnet with its class and why, and what is adopted', () => {
    const plan = attachedPlan({ nat: 'single', needs: 'ecr-pull' });
    const existing = { ...plan.existing, adopted: [{ address: 'aws_security_group.alb', id: 'sg-alb', awsId: 'sg-alb', what: 'security group shop-dev-alb-sg (sg-alb)' }] };
    const ui = render(<Review config={plan.config} existing={existing} nat={plan.nat} resources={{ aws_security_group: 3 }} checks={[]} />);
    const frame = ui.lastFrame()!.replace(/\n(?! )/g, ' ');
    expect(frame).toContain('Review: shop-dev in ap-northeast-1 (ap-northeast-1a, ap-northeast-1c)');
    expect(frame).toContain('Attaching to vpc-0a1b2c3d4e5f60718 (app-vpc), 10.0.0.0/16, internet gateway igw-1');
    expect(frame).toMatch(/● public\s+subnet-pa\s+app-public-1a\s+10\.0\.1\.0\/24\s+ap-northeast-1a: rtb-pub \(app-public-rt\) sends 0\.0\.0\.0\/0 to the internet gateway igw-1/);
    expect(frame).toMatch(/● private subnet-qc\s+app-private-1c 10\.0\.12\.0\/24\s+ap-northeast-1c: rtb-qc \(app-private-rt-1c\) has no 0\.0\.0\.0\/0 route/);
    expect(frame).toContain('← security group shop-dev-alb-sg (sg-alb) → aws_security_group.alb');
    expect(frame).toContain('terraform state rm "$(terraform state list -id=sg-alb)"');
    ui.unmount();
  });
});

describe('Review answers', () => {
  it.each([
    ['y\r', true],
    ['n\r', false],
    ['y', true],
  ])('%j in one read answers %s', async (keys, yes) => {
    const plan = attachedPlan({ nat: 'single', needs: 'ecr-pull' });
    const onAnswer = vi.fn();
    const ui = render(<Review config={plan.config} nat={plan.nat} resources={{ aws_security_group: 3 }} checks={[]} plan={{ summary: { add: 1, change: 0, destroy: 0 }, changes: [] }} onAnswer={onAnswer} />);
    await new Promise((r) => setTimeout(r, 50));
    ui.stdin.write(keys);
    await new Promise((r) => setTimeout(r, 50));
    expect(onAnswer).toHaveBeenCalledWith(yes);
    ui.unmount();
  });
});

describe('Review of a new network', () => {
  it('draws the network (AZ columns, subnets with CIDRs, where 0.0.0.0/0 goes, the SG chain) and says where the runner-up gets cheaper', async () => {
    const answers = { project: 'shop', needs: 'ecr-pull,logs', nat: 'single' } as const;
    const config = resolveConfig(answers);
    const nat = planNat(config);
    const diagram = layoutNetwork(readTerraformNetwork((await synthesized(answers)).json));
    const ui = render(<Review config={config} nat={nat} resources={{ aws_vpc: 1 }} checks={[]} diagram={diagram} />);
    const frame = ui.lastFrame()!;
    expect(frame).toMatch(/┌─ ap-northeast-1a ─+┐ ┌─ ap-northeast-1c ─+┐/);
    expect(frame).toMatch(/│ public shop-dev-public-subnet-a +│/);
    expect(frame).toMatch(/│ 10\.0\.128\.0\/20 +│/);
    expect(frame).toMatch(/0\.0\.0\.0\/0 → shop-dev-nat-a \(in 1a\)/);
    expect(frame).toMatch(/internet ─tcp 80, 443→ ALB \(shop-dev-alb-sg\)/);
    expect(frame).toMatch(/Monthly cost of the way out: \$\d+\.\d\d\/month \(one NAT Gateway for the VPC/);
    expect(frame).toMatch(/VPC endpoints become cheaper above [\d,]+ GB a month/);
    ui.unmount();
  });
});
