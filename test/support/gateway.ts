/**
 * Test support for the partner gateway: clients with fresh secrets, requests signed by the
 * independent `standardwebhooks` package, a gateway on a free loopback port, and a window onto the
 * signals the gateway sends (the real Temporal programmes underneath, counted).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { signedEventHeaders } from '../../gateway/signedEvent.js';
import { runAuditTrail } from './database.js';
import { freePort } from '../../dev/ports.js';
import { gatewayClientsFrom, type GatewayClients } from '../../gateway/clients.js';
import type { WireType } from '../../gateway/events.js';
import { TemporalProgrammes, type ProgrammeAccess, type Programmes, type SignalResult } from '../../gateway/programmes.js';
import { buildGateway, type GatewayOptions } from '../../gateway/server.js';
import type { EventName } from '../../domain/events.js';
import { TEST_PARTNERS } from './peers.js';

export const newSecret = (bytes = 32): string => `whsec_${randomBytes(bytes).toString('base64')}`;

/** The gateway's clients in tests: the test directory's two API partners, one more, and the Return Agency. */
export const CLIENTS = {
  asked: TEST_PARTNERS.api,
  second: TEST_PARTNERS.second,
  stranger: 'tst-stranger-partner',
  agency: 'ra-system',
} as const;

export interface TestClients {
  clients: GatewayClients;
  secrets: Record<string, string>;
}

export function testClients(): TestClients {
  const secrets: Record<string, string> = {
    [CLIENTS.asked]: newSecret(),
    [CLIENTS.second]: newSecret(),
    [CLIENTS.stranger]: newSecret(),
    [CLIENTS.agency]: newSecret(),
  };
  const env: Record<string, string> = {};
  const entries = Object.entries(secrets).map(([id, secret], index) => {
    env[`GW_SECRET_${index}`] = secret;
    return { id, role: id === CLIENTS.agency ? 'return-agency' : 'partner', secretEnv: [`GW_SECRET_${index}`] };
  });
  return { clients: gatewayClientsFrom({ clients: entries }, env), secrets };
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

/** An event as a partner's system sends it, signed with the `standardwebhooks` package. */
export function signedEvent(
  clientId: string,
  secret: string,
  type: WireType | string,
  data: Record<string, unknown>,
  { webhookId = `msg_${randomUUID().replace(/-/g, '')}`, at = new Date(), body }: { webhookId?: string; at?: Date; body?: string } = {},
): SignedRequest {
  const payload = body ?? JSON.stringify({ type, data });
  return {
    body: payload,
    headers: signedEventHeaders({ clientId, webhookId, at, body: payload, secret }),
  };
}

/** A valid `data` for each event type (the fields a partner sends, beside the case reference). */
export function sampleData(type: WireType, caseRef: string): Record<string, unknown> {
  const at = new Date().toISOString();
  const fields: Record<WireType, Record<string, unknown>> = {
    'referral.acknowledged': { keyContact: 'key-1', alternateContact: 'alt-1' },
    'referral.answered': { answer: 'accept', riskFeedback: 'agree' },
    'handover.confirmed': {},
    'follow-up.reported': { checkpoint: 'month-1', situation: { housing: 'stable', income: 'stable', wellbeing: 'good', inContact: true }, concerns: [] },
    'concern.raised': { kind: 'other' },
    'departure.confirmed': {},
    'person.missing': { state: 'found' },
    'consent.withdrawn': { scope: 'follow-up', source: 'partner-report' },
  };
  return { caseRef, at, ...fields[type] };
}

/** The real Temporal programmes, with every signal the gateway sent kept for assertions. */
export class RecordingProgrammes implements Programmes {
  readonly signals: Array<{ caseRef: string; name: EventName; payload: Record<string, unknown> }> = [];
  lookups = 0;

  constructor(private readonly inner: Programmes) {}

  static temporal(client: Client): RecordingProgrammes {
    return new RecordingProgrammes(new TemporalProgrammes(client));
  }

  access(caseRef: string, deadline: number): Promise<ProgrammeAccess> {
    this.lookups += 1;
    return this.inner.access(caseRef, deadline);
  }

  signal(caseRef: string, name: EventName, payload: Record<string, unknown>, deadline: number): Promise<SignalResult> {
    // Kept before the call: an attempt counts as a signal the gateway tried to send.
    this.signals.push({ caseRef, name, payload });
    return this.inner.signal(caseRef, name, payload, deadline);
  }

  recorded(caseRef: string, eventId: string, deadline: number): Promise<boolean> {
    return this.inner.recorded(caseRef, eventId, deadline);
  }
}

export type TestGatewayOptions = Omit<GatewayOptions, 'rateLimit' | 'audit'> & Partial<Pick<GatewayOptions, 'rateLimit' | 'audit'>>;

/**
 * The production gateway, auditing to the run's database unless the test brings its own trail.
 * Every test request comes from loopback: the per-source limit is generous unless a test sets it.
 */
export function testGateway(options: TestGatewayOptions): FastifyInstance {
  return buildGateway({ rateLimit: { perMinute: 100_000, burst: 100_000 }, sourceRateLimit: { perMinute: 1_000_000, burst: 100_000 }, audit: runAuditTrail(), ...options });
}

export interface RecordingGateway {
  keys: TestClients;
  programmes: RecordingProgrammes;
  app: FastifyInstance;
}

/**
 * The file's gateway (reached through `inject()`, no port) in front of the real programmes of
 * `client`, with fresh client secrets and every signal it sends recorded: built (filled in) before
 * the file's tests, closed after them.
 */
export function useRecordingGateway(client: () => Client, options: Partial<TestGatewayOptions> = {}): RecordingGateway {
  const gateway = {} as RecordingGateway;
  beforeAll(() => {
    const keys = testClients();
    const programmes = RecordingProgrammes.temporal(client());
    Object.assign(gateway, { keys, programmes, app: testGateway({ clients: keys.clients, programmes, ...options }) });
  });
  afterAll(async () => {
    await gateway.app?.close();
  });
  return gateway;
}

/** A gateway listening on a free loopback port; `url` is its origin. */
export async function listeningGateway(options: TestGatewayOptions): Promise<{ app: FastifyInstance; url: string }> {
  const app = testGateway(options);
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  return { app, url: `http://127.0.0.1:${port}` };
}

export async function post(url: string, request: SignedRequest): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${url}/v1/events`, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(15_000) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}
