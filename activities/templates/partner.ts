/**
 * Messages to partner organisations that have no API, one template per message kind in English and
 * Danish. They carry the case reference, dates and codes from the message: what the partner needs to
 * decide, receive the person or report, never who the person is. Identity is exchanged by the caseworker through a
 * secure channel once the partner has accepted.
 */
import type { Language, PartnerMessage } from '../../domain/notifications.js';
import { mailBody, when, type RenderedMail } from './format.js';

const t = (language: Language, en: string, da: string) => (language === 'en' ? en : da);

type Kind = PartnerMessage['kind'];
type Of<K extends Kind> = Extract<PartnerMessage, { kind: K }>;
type Template<K extends Kind> = (m: Of<K>, l: Language) => { subject: string; lines: string[] };

const RISK: Record<Language, Record<'low' | 'medium' | 'high', string>> = {
  en: { low: 'low', medium: 'medium', high: 'high' },
  da: { low: 'lav', medium: 'middel', high: 'høj' },
};

const CANCEL_REASON: Record<Language, Record<Of<'return-cancelled'>['reason'], string>> = {
  en: {
    'residence-granted': 'the person has been granted residence in Denmark',
    declined: 'the person has withdrawn from the programme',
    cancelled: 'the programme was closed by the caseworker',
    absconded: 'the person is missing',
    'partner-replaced': 'another organisation will receive the person',
  },
  da: {
    'residence-granted': 'personen har fået opholdstilladelse i Danmark',
    declined: 'personen har trukket sig fra programmet',
    cancelled: 'programmet er lukket af sagsbehandleren',
    absconded: 'personen er forsvundet',
    'partner-replaced': 'en anden organisation modtager personen',
  },
};

const yesNo = (value: boolean, l: Language) => (value ? t(l, 'yes', 'ja') : t(l, 'no', 'nej'));

const TEMPLATES: { [K in Kind]: Template<K> } = {
  'referral-request': (m, l) => ({
    subject: t(l, `Referral request: case ${m.caseRef}`, `Anmodning om modtagelse: sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `The Danish prepared-return programme asks whether your organisation can receive and support ${m.referral.child ? 'a child' : 'a person'} returning to ${m.referral.homeCountry} (case ${m.caseRef}).`,
        `Det danske program for forberedt hjemrejse spørger, om jeres organisation kan modtage og støtte ${m.referral.child ? 'et barn' : 'en person'}, der vender hjem til ${m.referral.homeCountry} (sag ${m.caseRef}).`,
      ),
      '',
      t(l, `Risk level: ${RISK.en[m.referral.riskLevel]}`, `Risikoniveau: ${RISK.da[m.referral.riskLevel]}`),
      t(l, `Needs: ${m.referral.needs.join(', ') || 'none recorded'}`, `Behov: ${m.referral.needs.join(', ') || 'ingen registreret'}`),
      t(l, `Earliest departure: ${when(m.referral.earliestDeparture ?? undefined, l)}`, `Tidligste udrejse: ${when(m.referral.earliestDeparture ?? undefined, l)}`),
      t(l, `Departure deadline: ${when(m.referral.departureDeadline, l)}`, `Udrejsefrist: ${when(m.referral.departureDeadline, l)}`),
      '',
      t(
        l,
        `Please reply to this message by ${when(m.respondBy, l)}: confirm receipt, name a key contact and an alternate, give feedback on the risk assessment, and accept or decline.`,
        `Svar venligst på denne besked senest ${when(m.respondBy, l)}: bekræft modtagelsen, angiv en kontaktperson og en stedfortræder, giv jeres vurdering af risikoen, og sig ja eller nej.`,
      ),
    ],
  }),
  'referral-reminder': (m, l) => ({
    subject: t(l, `Reminder: referral request, case ${m.caseRef}`, `Påmindelse: anmodning om modtagelse, sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `We have not yet received your answer to the referral of case ${m.caseRef}. Please reply by ${when(m.respondBy, l)}.`,
        `Vi har endnu ikke modtaget jeres svar på henvisningen af sag ${m.caseRef}. Svar venligst senest ${when(m.respondBy, l)}.`,
      ),
    ],
  }),
  'arrival-notice': (m, l) => ({
    subject: t(l, `Arrival notice: case ${m.caseRef}`, `Ankomstmeddelelse: sag ${m.caseRef}`),
    lines: [
      t(l, `The person is due to arrive for case ${m.caseRef}:`, `Personen forventes at ankomme i sag ${m.caseRef}:`),
      '',
      t(l, `Arrival: ${when(m.travel.date, l)}`, `Ankomst: ${when(m.travel.date, l)}`),
      t(l, `Destination: ${m.travel.destination}`, `Destination: ${m.travel.destination}`),
      t(l, `Meeting point: ${m.travel.meetingPoint}`, `Mødested: ${m.travel.meetingPoint}`),
      t(l, `Escorted: ${yesNo(m.travel.escort, l)}`, `Med eskorte: ${yesNo(m.travel.escort, l)}`),
      '',
      t(
        l,
        `Please confirm by replying to this message that the person has been received, by ${when(m.confirmHandoverBy, l)}.`,
        `Bekræft venligst ved at svare på denne besked, at personen er modtaget, senest ${when(m.confirmHandoverBy, l)}.`,
      ),
    ],
  }),
  'follow-up-request': (m, l) => ({
    subject: t(l, `Follow-up report requested (${m.checkpoint}): case ${m.caseRef}`, `Opfølgningsrapport ønskes (${m.checkpoint}): sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `The ${m.checkpoint} follow-up checkpoint for case ${m.caseRef} is due. Please report on housing, income, wellbeing, whether you are in contact with the person, and any concern.`,
        `Opfølgningen ${m.checkpoint} for sag ${m.caseRef} er nu. Rapportér venligst om bolig, indkomst, trivsel, om I er i kontakt med personen, og om der er bekymringer.`,
      ),
      t(l, `Report by: ${when(m.reportBy, l)}`, `Rapport senest: ${when(m.reportBy, l)}`),
    ],
  }),
  'follow-up-reminder': (m, l) => ({
    subject: t(l, `Reminder: follow-up report (${m.checkpoint}), case ${m.caseRef}`, `Påmindelse: opfølgningsrapport (${m.checkpoint}), sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `We have not yet received the ${m.checkpoint} follow-up report for case ${m.caseRef}. Please report by ${when(m.reportBy, l)}.`,
        `Vi har endnu ikke modtaget opfølgningsrapporten ${m.checkpoint} for sag ${m.caseRef}. Rapportér venligst senest ${when(m.reportBy, l)}.`,
      ),
    ],
  }),
  'return-cancelled': (m, l) => ({
    subject: t(l, `Return cancelled: case ${m.caseRef}`, `Hjemrejse aflyst: sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `The prepared return for case ${m.caseRef} is cancelled: ${CANCEL_REASON.en[m.reason]}. Please stop any preparation for the reception.`,
        `Den forberedte hjemrejse i sag ${m.caseRef} er aflyst: ${CANCEL_REASON.da[m.reason]}. Stop venligst al forberedelse af modtagelsen.`,
      ),
    ],
  }),
};

export function renderPartnerMail(message: PartnerMessage, language: Language): RenderedMail {
  const template = TEMPLATES[message.kind] as Template<Kind>;
  const { subject, lines } = template(message, language);
  return { subject, text: mailBody(lines, language) };
}

export const PARTNER_TEMPLATE_KINDS = Object.keys(TEMPLATES) as Kind[];
