/**
 * The Temporal Schedule that starts the annual report: created by the local stack (and by an
 * operator with `prepared-return report schedule --date …` in a deployment), shown and changed by
 * the same command, triggered by hand with `--trigger`.
 */
import { MONTHS, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleDescription, type ScheduleSpec } from '@temporalio/client';
import { TASK_QUEUE } from '../../domain/programme.js';
import {
  DEFAULT_REPORT_SCHEDULE,
  REPORT_SCHEDULE_ID,
  REPORT_TIMEZONE,
  REPORT_WORKFLOW_TYPE,
  scheduleWords,
  type ReportScheduleSettings,
} from '../../domain/report/schedule.js';

export interface ScheduleTarget {
  scheduleId?: string;
  taskQueue?: string;
}

export interface ReportScheduleView {
  scheduleId: string;
  settings: ReportScheduleSettings;
  words: string;
  paused: boolean;
  taskQueue: string | null;
  nextRuns: string[];
  recentRuns: Array<{ scheduledAt: string; takenAt: string; workflowId: string }>;
}

function spec(s: ReportScheduleSettings): ScheduleSpec {
  return {
    calendars: [{ month: MONTHS[s.month - 1]!, dayOfMonth: s.day, hour: s.hour, minute: s.minute, comment: 'annual status report' }],
    timezone: REPORT_TIMEZONE,
  };
}

/** Creates the schedule unless it exists; an existing one keeps the date an operator gave it. */
export async function ensureReportSchedule(client: Client, settings: ReportScheduleSettings = DEFAULT_REPORT_SCHEDULE, target: ScheduleTarget = {}): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: target.scheduleId ?? REPORT_SCHEDULE_ID,
      spec: spec(settings),
      action: {
        type: 'startWorkflow',
        workflowType: REPORT_WORKFLOW_TYPE,
        taskQueue: target.taskQueue ?? TASK_QUEUE,
        // No arguments: nothing for the encryption codec to encode (the workflow picks last year itself).
        args: [],
        workflowId: 'annual-report',
        staticSummary: 'Annual status report of the prepared-return programmes',
      },
      // A year's report once: a missed run is made up for within a week, never twice at once.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}

export async function describeReportSchedule(client: Client, scheduleId = REPORT_SCHEDULE_ID): Promise<ReportScheduleView | null> {
  let description: ScheduleDescription;
  try {
    description = await client.schedule.getHandle(scheduleId).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
  const settings = settingsOf(description);
  return {
    scheduleId,
    settings,
    words: scheduleWords(settings),
    paused: description.state.paused,
    taskQueue: description.action.type === 'startWorkflow' ? description.action.taskQueue : null,
    nextRuns: description.info.nextActionTimes.map((d) => d.toISOString()),
    recentRuns: description.info.recentActions.map((a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      takenAt: a.takenAt.toISOString(),
      workflowId: a.action.workflow.workflowId,
    })),
  };
}

export async function changeReportSchedule(
  client: Client,
  change: { settings?: Partial<ReportScheduleSettings>; paused?: boolean },
  scheduleId = REPORT_SCHEDULE_ID,
): Promise<void> {
  const handle = client.schedule.getHandle(scheduleId);
  if (change.settings) {
    const current = settingsOf(await handle.describe());
    const next = { ...current, ...change.settings };
    await handle.update((previous) => ({ ...previous, spec: spec(next) }));
  }
  if (change.paused === true) await handle.pause('paused with prepared-return report schedule --pause');
  if (change.paused === false) await handle.unpause('resumed with prepared-return report schedule --resume');
}

/** Runs the report now, as if its day had come. */
export async function triggerReportSchedule(client: Client, scheduleId = REPORT_SCHEDULE_ID): Promise<void> {
  await client.schedule.getHandle(scheduleId).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
}

function settingsOf(description: ScheduleDescription): ReportScheduleSettings {
  const calendar = description.spec.calendars?.[0];
  if (!calendar) return DEFAULT_REPORT_SCHEDULE;
  const first = <T>(ranges: Array<{ start: T }>, fallback: T): T => ranges[0]?.start ?? fallback;
  return {
    month: MONTHS.indexOf(first(calendar.month, 'JANUARY')) + 1,
    day: first(calendar.dayOfMonth, DEFAULT_REPORT_SCHEDULE.day),
    hour: first(calendar.hour, DEFAULT_REPORT_SCHEDULE.hour),
    minute: first(calendar.minute, DEFAULT_REPORT_SCHEDULE.minute),
  };
}
