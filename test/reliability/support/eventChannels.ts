/**
 * How outside events reach a programme in a scenario: straight from a Temporal client (the caseworker
 * client's path) or through the partner gateway process, signed by the partner's own system. Either
 * way every event is kept in the run's ledger, to be found again in the programme's timeline.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { EVENTS, type EventDeclaration, type EventName, type Sender } from '../../../domain/events.js';
import { signals } from '../../../workflows/messages.js';
import { sleep } from '../../../dev/childProcess.js';
import type { PartnerSystem } from '../../../dev/partnerSystem.js';

export interface SentEvent {
  caseRef: string;
  name: EventName;
  eventId: string;
  /** What the programme should make of it. */
  expect: 'recorded' | 'refused';
}

export interface EventChannel {
  send(target: { caseRef: string; handle: WorkflowHandle }, name: EventName, sender: Sender, fields: Record<string, unknown>, expect?: SentEvent['expect']): Promise<SentEvent>;
}

/** Signals from a Temporal client; a failed call is sent again with the same `eventId`. */
export class SignalChannel implements EventChannel {
  async send(target: { caseRef: string; handle: WorkflowHandle }, name: EventName, sender: Sender, fields: Record<string, unknown>, expect: SentEvent['expect'] = 'recorded'): Promise<SentEvent> {
    const eventId = `evt-${randomUUID()}`;
    const payload = { eventId, at: new Date().toISOString(), sender, ...fields };
    const started = Date.now();
    for (;;) {
      try {
        await target.handle.signal(signals[name], payload as never);
        return { caseRef: target.caseRef, name, eventId, expect };
      } catch (err) {
        if (Date.now() - started > 120_000) throw err;
        await sleep(500);
      }
    }
  }
}

/** Signed events through the gateway, each from the system of the client that is its sender. */
export class GatewayChannel implements EventChannel {
  constructor(private readonly systems: Record<string, PartnerSystem>) {}

  system(id: string): PartnerSystem {
    const system = this.systems[id];
    if (!system) throw new Error(`no gateway client ${id} in this scenario`);
    return system;
  }

  async send(target: { caseRef: string }, name: EventName, sender: Sender, fields: Record<string, unknown>, expect: SentEvent['expect'] = 'recorded'): Promise<SentEvent> {
    const declaration: EventDeclaration = EVENTS[name];
    const type = declaration.wireType;
    if (!type) throw new Error(`${name} is not sent through the gateway`);
    const delivery = await this.system(sender.id).send(type, { caseRef: target.caseRef, ...fields });
    return { caseRef: target.caseRef, name, eventId: delivery.eventId, expect };
  }
}
