// `run --print`'s second half: each step's role packet as a template (the parts made during the run in <…>).
import path from 'node:path';
import { stepPacketTemplate } from '../core/step-packets.js';
import type { PreparedRun } from './start.js';

/** The packets the steps of `run` get; empty when the only step runs the round packet itself. */
export function describeStepPackets(run: PreparedRun): string {
  const steps = [...run.plans, ...(run.fixPlan ? [run.fixPlan] : [])];
  const planned = steps.some((p) => p.step === 'plan') || run.planned;
  const out: string[] = [];
  for (const plan of steps) {
    if (plan.step === 'implement' && !planned) continue;
    const text = stepPacketTemplate(plan.step, {
      taskPacket: run.packetText,
      title: run.task.title,
      worktree: run.task.worktree,
      range: `${run.task.baseSha.slice(0, 12)}...HEAD`,
      planned,
    });
    const where = path.relative(run.task.taskDir, run.stepPackets[plan.step] ?? '');
    out.push(`--- packet of step ${plan.step} (${where}, written when the step starts) ---`, text.trimEnd(), '');
  }
  return out.length > 0 ? `\n${out.join('\n')}` : '';
}
