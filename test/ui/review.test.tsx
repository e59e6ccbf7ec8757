/**
 * The review of an attach, as the screen shows it: the existing VPC, each subnet with its class
 * and the route that decided it, what is adopted and the commands for the Terraform that made it,
 * with the configuration as attached (the VPC's own AZs).
 */
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { Review } from '../../src/ui/wizard/components/Review.js';
import { attachedPlan } from '../helpers/existing-vpc.js';

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
