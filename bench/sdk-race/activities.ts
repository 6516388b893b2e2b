/** The race check's activities (bench/sdk-race/workflows.ts): they do nothing; only their order counts. */
import type { RaceActivities } from './workflows.js';

export const raceActivities: RaceActivities = { afterTimer: async () => undefined, onSignal: async () => undefined };
