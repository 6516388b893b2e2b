/**
 * The programme's public contract: signal, update and query definitions. They live at module top
 * level so the worker, the caseworker client and the partner gateway use the very same objects.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { DepartureConfirmed } from '../domain/events.js';
import type { ProgrammeStatus } from '../domain/status.js';

export const departureConfirmedSignal = defineSignal<[DepartureConfirmed]>('departureConfirmed');
export const statusQuery = defineQuery<ProgrammeStatus>('status');
