/**
 * What the user does next after terraform or AWS failed: read from the error text (the AWS error
 * code terraform's provider quotes, `api error AddressLimitExceeded: …`, or the network failure
 * Go reports, `dial tcp …: connect: connection refused`), and answered with the fix and how to
 * continue. The advice is the table of src/core/aws-advice.ts, which the preflight reads too; this
 * module finds its codes in the text. Pure: text in, advice out; it never hides or rewrites the
 * error itself.
 */
import { AWS_ADVICE, CONTINUE, QUOTA_ADVICE, type AdviceContext, type AdviceKind, type Quota } from '../core/aws-advice.js';

/** The kind of failure, for front-ends that group or colour advice. */
export type NextStepKind = AdviceKind;
/** What the caller knows beyond the error text. */
export type NextStepContext = AdviceContext;
export { CONTINUE };
/** The quotas the network's resources count against, by EC2 error code. */
export const QUOTA_ERRORS = QUOTA_ADVICE;

/** One piece of advice. */
export interface NextStep {
  /** The AWS error code or the condition found in the text, e.g. `AddressLimitExceeded`, `connection refused`. */
  code: string;
  kind: NextStepKind;
  /** What to do, ending with how to continue. */
  text: string;
}

function quotaStep(code: string, q: Quota): NextStep {
  const increase = `request an increase in Service Quotas (aws service-quotas request-service-quota-increase --service-code ${q.service} --quota-code ${q.quotaCode} --desired-value <n>)`;
  const ways = [q.free, increase, ...(q.fewer ? [q.fewer] : [])];
  return {
    code,
    kind: 'quota',
    text: `the quota "${q.name}" (${q.quotaCode}, default ${q.byDefault.value} ${q.byDefault.scope}) is used up: ${ways.slice(0, -1).join(', or ')}, or ${ways.at(-1)}; ${CONTINUE}.`,
  };
}

function wordAt(text: string, word: string): number {
  const m = new RegExp(`(?<![A-Za-z0-9.])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`).exec(text);
  return m ? m.index : -1;
}

/**
 * The next steps for an error text, in the order their causes appear in it, one per cause.
 * Empty when nothing in the text is recognized (then terraform's own text must speak for itself).
 */
export function nextSteps(errorText: string, context: NextStepContext = {}): NextStep[] {
  const found: { at: number; step: NextStep }[] = [];
  for (const [code, quota] of Object.entries(QUOTA_ADVICE)) {
    const at = wordAt(errorText, code);
    if (at >= 0) found.push({ at, step: quotaStep(code, quota) });
  }
  // Any other quota AWS names, e.g. a new one: the generic way out.
  const known = new Set(Object.keys(QUOTA_ADVICE));
  for (const m of errorText.matchAll(/(?<![A-Za-z0-9])([A-Z][A-Za-z]*LimitExceeded)(?![A-Za-z0-9])/g)) {
    const code = m[1]!;
    if (known.has(code) || code === 'RequestLimitExceeded' || found.some((f) => f.step.code === code)) continue;
    found.push({
      at: m.index,
      step: { code, kind: 'quota', text: `an AWS quota is used up: find it in Service Quotas (the console lists each quota with its code) and request an increase, or remove what uses it; ${CONTINUE}.` },
    });
  }
  for (const rule of AWS_ADVICE) {
    let at = -1;
    let code = '';
    for (const c of rule.codes ?? []) {
      const i = wordAt(errorText, c);
      if (i >= 0 && (at < 0 || i < at)) [at, code] = [i, c];
    }
    if (rule.pattern) {
      const m = rule.pattern.exec(errorText);
      if (m && (at < 0 || m.index < at)) [at, code] = [m.index, rule.condition ?? m[1] ?? m[0]];
    }
    if (at >= 0) found.push({ at, step: { code, kind: rule.kind, text: rule.advise(context, errorText, code) } });
  }
  // One piece of advice per kind of credentials / endpoint failure is enough: the first one found.
  const sorted = found.sort((a, b) => a.at - b.at).map((f) => f.step);
  const seenKinds = new Set<NextStepKind>();
  return sorted.filter((s) => {
    if (s.kind !== 'credentials' && s.kind !== 'endpoint') return true;
    if (seenKinds.has(s.kind)) return false;
    seenKinds.add(s.kind);
    return true;
  });
}

/** `Next step (AddressLimitExceeded): …` lines; empty when there are none. */
export function formatNextSteps(steps: NextStep[]): string {
  return steps.map((s) => `Next step (${s.code}): ${s.text}\n`).join('');
}
