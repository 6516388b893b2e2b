/**
 * The programme's public contract: signal, update and query definitions, derived from the catalogue
 * in `domain/` (events.ts, commands.ts, status.ts). They live at module top level so the worker, the
 * caseworker client and the partner gateway use the very same objects.
 */
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { z } from 'zod';
import { COMMANDS, type CommandDeclaration } from '../domain/commands.js';
import { EVENTS, type EventCatalogue } from '../domain/events.js';
import { STATUS_QUERY, type ProgrammeStatus } from '../domain/status.js';

/** One signal per event of a catalogue, named like the event and typed by its schema. */
export type SignalDefinitions<C extends EventCatalogue> = { readonly [N in keyof C & string]: SignalDefinition<[z.input<C[N]['schema']>], N> };

export function signalDefinitions<C extends EventCatalogue>(events: C): SignalDefinitions<C> {
  return Object.fromEntries(Object.keys(events).map((name) => [name, defineSignal(name)])) as SignalDefinitions<C>;
}

/** One update per command, typed by its schema and its result. */
export type UpdateDefinitions<C extends Record<string, CommandDeclaration>> = {
  readonly [N in keyof C & string]: UpdateDefinition<NonNullable<C[N]['result']['answer']>, [z.input<C[N]['schema']>], N>;
};

function updateDefinitions<C extends Record<string, CommandDeclaration>>(commands: C): UpdateDefinitions<C> {
  return Object.fromEntries(Object.keys(commands).map((name) => [name, defineUpdate(name)])) as UpdateDefinitions<C>;
}

/** Outside events: from the caseworker client, or from partners and the Return Agency through the gateway. */
export const signals = signalDefinitions(EVENTS);

/** Caseworker commands: validated, answered at once. */
export const updates = updateDefinitions(COMMANDS);

export const statusQuery: QueryDefinition<ProgrammeStatus, [], typeof STATUS_QUERY.name> = defineQuery(STATUS_QUERY.name);
