/**
 * The web app's words, one catalogue per language as plain JSON that a translator can edit: English
 * (en.json) and Danish (da.json, the default language). Danish must have every key English has: the
 * type below makes a missing one a compile error. The programme's stage names in English are the
 * status's own (domain/status.ts), so the desk and the command line say the same.
 */
import { STAGE_WORDS, type Stage } from '../../domain/status.js';
import daWords from './da.json' with { type: 'json' };
import enWords from './en.json' with { type: 'json' };

export type Messages = typeof enWords & { stages: Record<Stage, string> };

export const en: Messages = { ...enWords, stages: STAGE_WORDS };
export const da: Messages = daWords;
