/**
 * The local stack's partner simulator: it checks our signatures like a real partner, and in demo mode
 * answers a referral with signed events to the gateway, which an independent verifier accepts.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { createMailer } from '../../activities/mail.js';
import { createPartnerApiClient } from '../../activities/partnerApi.js';
import { partnerDirectoryFrom } from '../../activities/partnerDirectory.js';
import { staffDirectoryFrom } from '../../activities/staffDirectory.js';
import { generateWebhookSecret } from '../../dev/peers.js';
import { PartnerSimulator } from '../../dev/partnerSimulator.js';
import { EventRequest } from '../../gateway/events.js';
import { attempt, newDelivery } from '../support/activityContext.js';
import { EVERY_MESSAGE_TYPE, everyPartnerMessage, referralRequest } from '../support/messages.js';
import { verifyWebhook } from '../support/standardWebhooks.js';
import { runStore } from '../support/database.js';

const secret = generateWebhookSecret();
const events: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = [];
let gateway: Server;
let simulator: PartnerSimulator;
let activities: ReturnType<typeof createActivities>;
let wrongSecretActivities: ReturnType<typeof createActivities>;

function activitiesWith(signingSecret: string) {
  const partners = partnerDirectoryFrom(
    {
      partners: [
        { id: 'sim-accepts', name: 'Accepts', countries: ['RO'], language: 'en', capabilities: ['reception'], channel: { type: 'api', baseUrl: simulator.baseUrl('sim-accepts'), secretEnv: 'SIM_SECRET' } },
        { id: 'sim-declines', name: 'Declines', countries: ['RO'], language: 'en', capabilities: ['reception'], channel: { type: 'api', baseUrl: simulator.baseUrl('sim-declines'), secretEnv: 'SIM_SECRET' } },
      ],
    },
    { SIM_SECRET: signingSecret },
  );
  return createActivities({
    partners,
    partnerApi: createPartnerApiClient({ timeoutMs: 2000, maxResponseBytes: 4096 }),
    staff: staffDirectoryFrom({ supervisors: { emails: ['s@x.test'] }, authority: { emails: ['a@x.test'] } }),
    mailer: createMailer({ smtp: { host: '127.0.0.1', port: 1, tls: 'none', connectionTimeoutMs: 500, greetingTimeoutMs: 500, socketTimeoutMs: 500 }, from: 'x@x.test' }),
    store: runStore(),
  });
}

beforeAll(async () => {
  gateway = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      events.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const address = gateway.address();
  const gatewayUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  simulator = new PartnerSimulator({
    partners: [
      { id: 'sim-accepts', secret },
      { id: 'sim-declines', secret },
    ],
    gatewayUrl: () => gatewayUrl,
    demo: { pauseMs: 20, decline: new Set(['sim-declines']) },
  });
  await simulator.start();
  activities = activitiesWith(secret);
  wrongSecretActivities = activitiesWith(generateWebhookSecret());
});

afterAll(async () => {
  await simulator?.stop();
  gateway?.closeAllConnections();
  await new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve()));
});

async function eventsFor(caseRef: string, count: number): Promise<typeof events> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const mine = events.filter((e) => e.body.includes(`"caseRef":"${caseRef}"`));
    if (mine.length >= count || Date.now() > deadline) return mine;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('partner simulator', () => {
  it('accepts every message kind signed with the partner secret', async () => {
    const delivery = newDelivery();
    for (const [index, message] of everyPartnerMessage('sim-accepts', 'SIM-2026-0001').entries()) {
      const result = await attempt({ ...delivery, activityId: String(index + 1) }, 1, activities.contactPartner, message);
      expect(result.reference).toMatch(/^sim-sim-accepts-/);
    }
    expect(simulator.accepted({ caseRef: 'SIM-2026-0001' }).map((m) => m.type)).toEqual(EVERY_MESSAGE_TYPE);
  });

  it('refuses a request signed with another secret (401, a non-retryable failure for us)', async () => {
    await expect(attempt(newDelivery(), 1, wrongSecretActivities.contactPartner, referralRequest('sim-accepts', 'SIM-2026-0002'))).rejects.toMatchObject({
      type: 'PartnerRejected',
      nonRetryable: true,
      message: expect.stringContaining('HTTP 401'),
    });
  });

  it('answers a retry with the reference of the first attempt', async () => {
    const delivery = newDelivery();
    const first = await attempt(delivery, 1, activities.contactPartner, referralRequest('sim-accepts', 'SIM-2026-0003'));
    const second = await attempt(delivery, 2, activities.contactPartner, referralRequest('sim-accepts', 'SIM-2026-0003'));
    expect(second.reference).toBe(first.reference);
  });

  it('demo mode: a referral is acknowledged and answered with signed events to the gateway', async () => {
    await attempt(newDelivery(), 1, activities.contactPartner, referralRequest('sim-accepts', 'SIM-2026-0004'));
    await attempt(newDelivery(), 1, activities.contactPartner, referralRequest('sim-declines', 'SIM-2026-0005'));
    const accepted = await eventsFor('SIM-2026-0004', 2);
    const declined = await eventsFor('SIM-2026-0005', 2);
    for (const event of [...accepted, ...declined]) {
      expect(event.url).toBe('/v1/events');
      expect(verifyWebhook(secret, event.headers, event.body)).toBe('valid');
      // Exactly what the gateway takes: its strict request schema accepts the body as it is.
      expect(EventRequest.safeParse(JSON.parse(event.body)).error).toBeUndefined();
      expect(event.headers['webhook-id']).toMatch(/^evt_[0-9a-f]{32}$/);
    }
    const parse = (e: (typeof events)[number]) => JSON.parse(e.body) as { type: string; data: Record<string, unknown> };
    expect(accepted.map(parse).map((e) => e.type)).toEqual(['referral.acknowledged', 'referral.answered']);
    expect(accepted.map((e) => e.headers['x-partner-id'])).toEqual(['sim-accepts', 'sim-accepts']);
    expect(parse(accepted[1]!).data).toMatchObject({ caseRef: 'SIM-2026-0004', answer: 'accept', riskFeedback: 'agree' });
    expect(parse(declined[1]!).data).toMatchObject({ caseRef: 'SIM-2026-0005', answer: 'decline', declineReason: 'no-capacity' });
  });
});
