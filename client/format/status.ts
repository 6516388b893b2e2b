/** One programme at a glance: stage in words, what is due next, who receives her, what happened last. */
import { OUTCOME_WORDS } from '../../domain/outcomes.js';
import { missingChildSafeguards } from '../../domain/childSafeguards.js';
import type { ProgrammeStatus } from '../../domain/status.js';
import type { Style } from './style.js';
import { fields, table } from './table.js';
import { isPast, localDateTime, relative, when } from './time.js';
import { formatTimeline } from './timeline.js';

const LAST_EVENTS = 8;

export function formatStatus(s: ProgrammeStatus, style: Style, now: number = Date.now()): string {
  const due = (iso: string): string => (isPast(iso, now) ? style.red(`overdue: ${when(iso, now)}`) : when(iso, now));
  const openEscalations = s.escalations.filter((e) => e.resolvedAt === null);
  const consent = (['participation', 'sharing', 'follow-up'] as const)
    .map((scope) => {
      const c = s.consent[scope];
      const mark = c === null ? style.dim('no') : c.withdrawnAt ? style.yellow('withdrawn') : style.green('yes');
      return `${scope} ${mark}`;
    })
    .join(', ');

  const pairs: Array<[string, string]> = [
    ['Case', `${style.bold(s.caseRef)} → ${s.homeCountry}, caseworker ${s.caseworkerId}`],
    ['Stage', s.stage === 'closed' && s.outcome ? `Closed: ${OUTCOME_WORDS[s.outcome]} (${s.outcome})` : s.stageWords],
  ];
  if (s.nextDeadline) pairs.push(['Next deadline', `${s.nextDeadline.what}, ${due(s.nextDeadline.at)}`]);
  if (s.escalated || openEscalations.length > 0) {
    // By number, as a supervisor acknowledges and resolves them on the desk; acknowledged ones say by whom and what will be done.
    const open = openEscalations.map((e) => `#${e.id} ${e.topic} (${e.severity}, ${relative(e.raisedAt, now)}${e.acknowledged ? `; ${e.acknowledged.by}: ${e.acknowledged.action}` : ''})`);
    pairs.push(['Escalated', style.red(open.join('; ') || 'yes')]);
  }
  pairs.push(['Partner', s.partner ? `${s.partner.id} (${s.partner.state})` : style.dim('none yet')]);
  pairs.push(['Reflection', `until ${when(s.reflection.deadline, now)}${s.reflection.extended ? ', extended' : ''}`]);
  if (s.departureDeadline && s.departedAt === null && s.stage !== 'closed') pairs.push(['Leave by', due(s.departureDeadline)]);
  if (s.asylum !== 'none') pairs.push(['Asylum', s.asylum]);
  pairs.push(['Consent', consent]);
  if (s.profile && (s.profile.sex || s.profile.ageBand || s.profile.child)) {
    pairs.push(['Profile', [s.profile.sex, s.profile.ageBand, s.profile.child ? 'a child' : null].filter((v) => v).join(', ')]);
  }
  if (s.childSafeguards) {
    const { guardian, bestInterests } = s.childSafeguards;
    const missing = missingChildSafeguards(s);
    pairs.push([
      "Child's case",
      [
        guardian ? `guardian appointed ${localDateTime(guardian.appointedAt)} (${guardian.appointedBy})` : style.yellow('no guardian recorded'),
        bestInterests ? `best-interests assessment ${localDateTime(bestInterests.assessedAt)}: ${bestInterests.conclusion}` : style.yellow('no best-interests assessment'),
        ...(missing.length ? [style.yellow(`no referral before ${missing.join(' and ')}`)] : []),
      ].join('; '),
    ]);
  }
  for (const w of s.earlyWarnings ?? []) {
    const extension = w.askExtensionBy
      ? `ask for the extension${w.extendUntil ? ` until ${localDateTime(w.extendUntil)}` : ''} before ${localDateTime(w.askExtensionBy)}`
      : 'no extension of the reflection period can reach it';
    pairs.push(['Early warning', style.yellow(`an answer from ${w.partnerId} is unlikely before the deadline (expected ${localDateTime(w.expectedAnswerBy)}); ${extension}`)]);
  }
  pairs.push(['Assessment', s.assessment ? `v${s.assessment.version}, risk ${s.assessment.riskLevel}, needs ${s.assessment.needs.join(', ')}` : style.dim('not recorded')]);
  if (s.plan) pairs.push(['Plan', `v${s.plan.version}, ${s.plan.elements.join(', ')}, ${s.plan.supportMonths} months of support`]);
  if (s.travel) pairs.push(['Travel', `${localDateTime(s.travel.date)} to ${s.travel.destination}, met at ${s.travel.meetingPoint}${s.travel.escort ? ', escorted' : ''}`]);
  if (s.departedAt) pairs.push(['Departed', when(s.departedAt, now)]);
  if (s.missingSince) pairs.push(['Missing', style.red(`since ${when(s.missingSince, now)}`)]);
  if (s.enforcedReturnReferredAt) pairs.push(['Enforced return', `referred ${when(s.enforcedReturnReferredAt, now)}`]);
  if (s.handover.confirmedAt) pairs.push(['Received', when(s.handover.confirmedAt, now)]);
  else if (s.handover.dueBy) pairs.push(['Handover due', due(s.handover.dueBy)]);
  if (s.planRefinement) pairs.push(['Plan refined', s.planRefinement.refinedAt ? when(s.planRefinement.refinedAt, now) : `due ${due(s.planRefinement.dueBy)}`]);
  if (s.concerns.length) {
    // By number, as `record-concern-action` and `resolve-concern` name them.
    const concern = (c: (typeof s.concerns)[number], n: number): string => {
      const done = [...(c.actions ?? []).map((a) => a.action), ...(c.resolved ? [`resolved: ${c.resolved.resolution}`] : []), ...(c.correctedAt ? ['corrected'] : [])];
      return `#${n} ${c.kind} (${relative(c.at, now)}${done.length ? `; ${done.join(', ')}` : ''})`;
    };
    pairs.push(['Concerns', style.red(s.concerns.map((c, i) => concern(c, i + 1)).join(', '))]);
  }

  const parts = [fields(pairs, style)];
  if (s.departedAt || s.checkpoints.some((c) => c.state !== 'scheduled' || c.dueAt)) {
    const rows = s.checkpoints.map((c) => [
      c.name,
      c.state === 'missed' ? style.red(c.state) : c.state === 'received' ? style.green(c.state) : c.state,
      c.dueAt ? when(c.dueAt, now) : style.dim('after handover'),
      c.reportedAt ? `reported ${relative(c.reportedAt, now)}${c.concerns?.length ? `, concerns: ${c.concerns.join(', ')}` : ''}` : '',
    ]);
    parts.push(`${style.bold('Follow-up checkpoints')}\n${table(['Checkpoint', 'State', 'Due', 'Report'], rows, style)}`);
  }
  const last = s.timeline.slice(-LAST_EVENTS);
  parts.push(`${style.bold(`Last events`)} ${style.dim(`(${last.length} of ${s.timeline.length}; all with \`prepared-return timeline ${s.caseRef}\`)`)}\n${formatTimeline(last, style, now)}`);
  return parts.join('\n\n');
}
