/**
 * Staff notifications, one template per topic in English and Danish. Each says what happened, what
 * the recipient must do and by when, and how to look the case up: nothing else.
 */
import type { Language, StaffNotification, StaffTopic } from '../../domain/notifications.js';
import { assignPartnerCommand, confirmEventCommand, extendReflectionCommand, statusCommand } from './commands.js';
import { fact, FACT_FORMATS, mailBody, raisedBy, when, type RenderedMail } from './format.js';

type Severity = StaffNotification['severity'];

interface StaffMessage {
  caseRef: string;
  severity: Severity;
  dueAt?: string | undefined;
  facts?: Record<string, string> | undefined;
  /** Set when the caseworker has no address and the supervisors receive the message in their place. */
  caseworkerIdWithoutAddress?: string | undefined;
}

type Template = (m: StaffMessage, language: Language) => { subject: string; lines: string[] };

const SEVERITY_PREFIX: Record<Language, Record<Severity, string>> = {
  en: { info: '', reminder: 'Reminder: ', escalation: 'ESCALATION: ', urgent: 'URGENT: ' },
  da: { info: '', reminder: 'Påmindelse: ', escalation: 'ESKALERING: ', urgent: 'HASTER: ' },
};

const t = (language: Language, en: string, da: string) => (language === 'en' ? en : da);

const TEMPLATES: Record<StaffTopic, Template> = {
  'reflection-ending': (m, l) => ({
    subject: t(l, `Reflection period ending for case ${m.caseRef}`, `Refleksionsperioden udløber for sag ${m.caseRef}`),
    lines: [
      t(l, `The reflection period for case ${m.caseRef} ends ${when(m.dueAt, l)}.`, `Refleksionsperioden for sag ${m.caseRef} udløber ${when(m.dueAt, l)}.`),
      t(
        l,
        'Preparation has not begun. If the person cooperates on a prepared return, request the extension (up to 120 days in total) before the deadline.',
        'Forberedelsen er ikke begyndt. Hvis personen medvirker til en forberedt hjemrejse, skal forlængelsen (op til 120 dage i alt) anmodes om inden fristen.',
      ),
    ],
  }),
  'answer-unlikely-before-deadline': (m, l) => {
    const until = m.facts?.extendUntil && FACT_FORMATS.extendUntil.test(m.facts.extendUntil) ? m.facts.extendUntil : undefined;
    const measured = fact(m.facts, 'basis', l) === 'measured';
    return {
      subject: t(l, `An answer is unlikely before the deadline in case ${m.caseRef}`, `Et svar er usandsynligt før fristen i sag ${m.caseRef}`),
      lines: [
        measured
          ? t(
              l,
              `Partner ${fact(m.facts, 'partnerId', l)} usually answers a referral in ${fact(m.facts, 'usualAnswer', l)}; an answer is expected by ${when(fact(m.facts, 'expectedBy', l), l)}, after the departure deadline ${when(fact(m.facts, 'departureDeadline', l), l)} of case ${m.caseRef}.`,
              `Partner ${fact(m.facts, 'partnerId', l)} svarer normalt på en henvisning på ${fact(m.facts, 'usualAnswer', l)}; et svar ventes senest ${when(fact(m.facts, 'expectedBy', l), l)}, efter udrejsefristen ${when(fact(m.facts, 'departureDeadline', l), l)} i sag ${m.caseRef}.`,
            )
          : t(
              l,
              `Partner ${fact(m.facts, 'partnerId', l)} has ${fact(m.facts, 'usualAnswer', l)} to answer the referral (none of its answers are measured yet); an answer may come as late as ${when(fact(m.facts, 'expectedBy', l), l)}, after the departure deadline ${when(fact(m.facts, 'departureDeadline', l), l)} of case ${m.caseRef}.`,
              `Partner ${fact(m.facts, 'partnerId', l)} har ${fact(m.facts, 'usualAnswer', l)} til at svare på henvisningen (ingen af dens svar er målt endnu); et svar kan komme så sent som ${when(fact(m.facts, 'expectedBy', l), l)}, efter udrejsefristen ${when(fact(m.facts, 'departureDeadline', l), l)} i sag ${m.caseRef}.`,
            ),
        m.dueAt && until
          ? t(
              l,
              `An answer is unlikely before the deadline: ask for the extension of the reflection period before ${when(m.dueAt, l)}, until ${when(until, l)} (${extendReflectionCommand(m.caseRef, until)}).`,
              `Et svar er usandsynligt før fristen: anmod om forlængelse af refleksionsperioden inden ${when(m.dueAt, l)}, til ${when(until, l)} (${extendReflectionCommand(m.caseRef, until)}).`,
            )
          : t(
              l,
              'An answer is unlikely before the deadline, and no extension of the reflection period can reach it: talk to the partner and your supervisor.',
              'Et svar er usandsynligt før fristen, og ingen forlængelse af refleksionsperioden kan nå det: tal med partneren og din leder.',
            ),
      ],
    };
  },
  'child-return-against-best-interests': (m, l) => ({
    subject: t(l, `A child's return found against the child's best interests: case ${m.caseRef}`, `Et barns hjemrejse vurderet imod barnets bedste: sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `A best-interests assessment in case ${m.caseRef} found the return against the child's best interests after the referral to partner ${fact(m.facts, 'partnerId', l)} began.`,
        `En vurdering af barnets bedste i sag ${m.caseRef} fandt hjemrejsen imod barnets bedste, efter at henvisningen til partner ${fact(m.facts, 'partnerId', l)} var begyndt.`,
      ),
      t(
        l,
        'No travel can be planned until a new assessment finds the return in the child\'s best interests. Decide with the caseworker and the guardian whether the return goes on, and tell the partner.',
        'Der kan ikke planlægges rejse, før en ny vurdering finder hjemrejsen i barnets bedste interesse. Afgør sammen med sagsbehandleren og værgen, om hjemrejsen fortsætter, og underret partneren.',
      ),
    ],
  }),
  'referral-reminder-sent': (m, l) => ({
    subject: t(l, `Partner reminded about case ${m.caseRef}`, `Partner rykket i sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `Partner ${fact(m.facts, 'partnerId', l)} has not answered the referral of case ${m.caseRef} at half the response window and has been reminded.`,
        `Partner ${fact(m.facts, 'partnerId', l)} har ikke svaret på henvisningen af sag ${m.caseRef} ved halvdelen af svarfristen og er blevet rykket.`,
      ),
      t(l, `The answer is due ${when(m.dueAt, l)}. No action is needed yet.`, `Svaret skal foreligge ${when(m.dueAt, l)}. Der skal ikke gøres noget endnu.`),
    ],
  }),
  'referral-exhausted': (m, l) => ({
    subject: t(l, `No partner found for case ${m.caseRef}`, `Ingen partner fundet til sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `Every partner listed for country ${fact(m.facts, 'country', l)} has declined or not answered the referral of case ${m.caseRef} (partners asked: ${fact(m.facts, 'partnersTried', l)}).`,
        `Alle partnere for land ${fact(m.facts, 'country', l)} har afslået eller ikke svaret på henvisningen af sag ${m.caseRef} (partnere spurgt: ${fact(m.facts, 'partnersTried', l)}).`,
      ),
      t(
        l,
        `Find a qualified organisation and assign it to the programme by hand: ${assignPartnerCommand(m.caseRef)}`,
        `Find en kvalificeret organisation og tildel den programmet manuelt: ${assignPartnerCommand(m.caseRef)}`,
      ),
      m.dueAt ? t(l, `Departure deadline: ${when(m.dueAt, l)}.`, `Udrejsefrist: ${when(m.dueAt, l)}.`) : '',
    ],
  }),
  'referral-undeliverable': (m, l) => ({
    subject: t(l, `Referral could not be delivered for case ${m.caseRef}`, `Henvisning kunne ikke leveres i sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `The referral of case ${m.caseRef} to partner ${fact(m.facts, 'partnerId', l)} was refused by the partner's channel (${fact(m.facts, 'failure', l)}).`,
        `Henvisningen af sag ${m.caseRef} til partner ${fact(m.facts, 'partnerId', l)} blev afvist af partnerens kanal (${fact(m.facts, 'failure', l)}).`,
      ),
      t(
        l,
        'Check the partner directory entry and contact the partner; the programme moves on to the next partner.',
        'Kontrollér partnerens oplysninger i partnerkataloget og kontakt partneren; programmet går videre til næste partner.',
      ),
    ],
  }),
  'travel-reminder': (m, l) => ({
    subject: t(l, `Travel approaching for case ${m.caseRef}`, `Rejse nærmer sig for sag ${m.caseRef}`),
    lines: [
      t(l, `The planned travel date for case ${m.caseRef} is ${when(m.dueAt, l)}.`, `Den planlagte rejsedato for sag ${m.caseRef} er ${when(m.dueAt, l)}.`),
      t(
        l,
        `Check documents, tickets, airport assistance and the reception by partner ${fact(m.facts, 'partnerId', l)}.`,
        `Kontrollér dokumenter, billetter, lufthavnsassistance og modtagelsen hos partner ${fact(m.facts, 'partnerId', l)}.`,
      ),
    ],
  }),
  'departure-deadline-passed': (m, l) => ({
    subject: t(l, `Departure deadline passed for case ${m.caseRef}`, `Udrejsefristen er overskredet i sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `The departure deadline for case ${m.caseRef} passed ${when(m.dueAt, l)} without a confirmed departure.`,
        `Udrejsefristen for sag ${m.caseRef} udløb ${when(m.dueAt, l)} uden bekræftet udrejse.`,
      ),
      t(
        l,
        'The programme has recorded a referral for enforced return. It continues to handover if the person travels.',
        'Programmet har registreret en oversendelse til tvangsmæssig udsendelse. Det fortsætter til overdragelse, hvis personen rejser.',
      ),
    ],
  }),
  'handover-missing': (m, l) => ({
    subject: t(l, `Handover not confirmed for case ${m.caseRef}`, `Overdragelse ikke bekræftet i sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `Partner ${fact(m.facts, 'partnerId', l)} has not confirmed receiving the person (case ${m.caseRef}); confirmation was due ${when(m.dueAt, l)}.`,
        `Partner ${fact(m.facts, 'partnerId', l)} har ikke bekræftet at have modtaget personen (sag ${m.caseRef}); bekræftelsen skulle foreligge ${when(m.dueAt, l)}.`,
      ),
      t(
        l,
        'The person may be unaccounted for. Contact the partner and the escort now.',
        'Personen kan være uden for rækkevidde. Kontakt partneren og eskorten nu.',
      ),
    ],
  }),
  'follow-up-missed': (m, l) => ({
    subject: t(l, `Follow-up report missing for case ${m.caseRef}`, `Opfølgningsrapport mangler i sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `Partner ${fact(m.facts, 'partnerId', l)} has not sent the ${fact(m.facts, 'checkpoint', l)} follow-up report for case ${m.caseRef}; it was due ${when(m.dueAt, l)}.`,
        `Partner ${fact(m.facts, 'partnerId', l)} har ikke sendt opfølgningsrapporten for ${fact(m.facts, 'checkpoint', l)} i sag ${m.caseRef}; den skulle foreligge ${when(m.dueAt, l)}.`,
      ),
      t(l, 'The checkpoint is recorded as missed. Contact the partner.', 'Opfølgningen er registreret som udeblevet. Kontakt partneren.'),
    ],
  }),
  'event-to-confirm': (m, l) => ({
    subject: t(l, `To confirm: an event for case ${m.caseRef}`, `Til bekræftelse: en hændelse i sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `An event for case ${m.caseRef} would end or skip a phase (${fact(m.facts, 'event', l)}, timeline entry ${fact(m.facts, 'seq', l)}); it is recorded and waits for you.`,
        `En hændelse i sag ${m.caseRef} ville afslutte eller springe en fase over (${fact(m.facts, 'event', l)}, tidslinjens post ${fact(m.facts, 'seq', l)}); den er registreret og venter på dig.`,
      ),
      t(
        l,
        `Confirm it by ${when(m.dueAt, l)}, or reject it by adding --reject: ${confirmEventCommand(m.caseRef, fact(m.facts, 'seq', l))}`,
        `Bekræft den senest ${when(m.dueAt, l)}, eller afvis den ved at tilføje --reject: ${confirmEventCommand(m.caseRef, fact(m.facts, 'seq', l))}`,
      ),
    ],
  }),
  'concern-raised': (m, l) => ({
    subject: t(l, `Concern raised for case ${m.caseRef}`, `Bekymring indberettet i sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `${raisedBy(m.facts, l)} has raised a concern for case ${m.caseRef}: ${fact(m.facts, 'concern', l)}.`,
        `${raisedBy(m.facts, l)} har indberettet en bekymring i sag ${m.caseRef}: ${fact(m.facts, 'concern', l)}.`,
      ),
      t(l, 'Assess the person\'s safety with the partner today.', 'Vurdér personens sikkerhed sammen med partneren i dag.'),
    ],
  }),
  'escalation-unacknowledged': (m, l) => ({
    subject: t(l, `Still not acknowledged: escalation ${fact(m.facts, 'escalation', l)} of case ${m.caseRef}`, `Stadig ikke kvitteret: eskalering ${fact(m.facts, 'escalation', l)} i sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `Urgent escalation ${fact(m.facts, 'escalation', l)} of case ${m.caseRef} (${fact(m.facts, 'topic', l)}) has been open since ${when(m.dueAt, l)} and nobody has acknowledged it (reminder ${fact(m.facts, 'reminders', l)}).`,
        `Den hastende eskalering ${fact(m.facts, 'escalation', l)} i sag ${m.caseRef} (${fact(m.facts, 'topic', l)}) har været åben siden ${when(m.dueAt, l)}, og ingen har kvitteret for den (påmindelse ${fact(m.facts, 'reminders', l)}).`,
      ),
      t(
        l,
        'Acknowledge it on the desk and say what will be done; the reminders stop when someone acts.',
        'Kvittér for den på skrivebordet og angiv, hvad der bliver gjort; påmindelserne stopper, når nogen handler.',
      ),
    ],
  }),
  'plan-refinement-due': (m, l) => ({
    subject: t(l, `Refine the reintegration plan for case ${m.caseRef}`, `Justér reintegrationsplanen for sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `The person was received by partner ${fact(m.facts, 'partnerId', l)} (case ${m.caseRef}); the reintegration plan is to be refined with the partner by ${when(m.dueAt, l)}.`,
        `Personen er modtaget af partner ${fact(m.facts, 'partnerId', l)} (sag ${m.caseRef}); reintegrationsplanen skal justeres sammen med partneren senest ${when(m.dueAt, l)}.`,
      ),
      t(l, 'Record the refined plan (record-plan, or the plan form on the desk).', 'Registrér den justerede plan (record-plan, eller planformularen på skrivebordet).'),
    ],
  }),
  'plan-not-refined': (m, l) => ({
    subject: t(l, `Reintegration plan not refined for case ${m.caseRef}`, `Reintegrationsplanen er ikke justeret i sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `The reintegration plan for case ${m.caseRef} was to be refined with partner ${fact(m.facts, 'partnerId', l)} by ${when(m.dueAt, l)}; no refined plan has been recorded.`,
        `Reintegrationsplanen for sag ${m.caseRef} skulle være justeret sammen med partner ${fact(m.facts, 'partnerId', l)} senest ${when(m.dueAt, l)}; der er ikke registreret en justeret plan.`,
      ),
      t(l, 'Ask the caseworker why, and see that the plan is refined.', 'Spørg sagsbehandleren hvorfor, og sørg for, at planen bliver justeret.'),
    ],
  }),
  absconded: (m, l) => ({
    subject: t(l, `Missing: case ${m.caseRef}`, `Forsvundet: sag ${m.caseRef}`),
    lines: [
      t(
        l,
        `The person has been missing beyond the closure window (case ${m.caseRef}, missing since ${when(m.dueAt, l)}).`,
        `Personen har været forsvundet ud over lukkefristen (sag ${m.caseRef}, forsvundet siden ${when(m.dueAt, l)}).`,
      ),
      t(
        l,
        'The programme closes as absconded. Consider whether the person may have been re-trafficked and inform the police.',
        'Programmet lukkes som forsvundet. Overvej om personen kan være handlet på ny, og underret politiet.',
      ),
    ],
  }),
  'residence-granted': (m, l) => ({
    subject: t(l, `Return cancelled for case ${m.caseRef}: residence granted`, `Hjemrejse aflyst i sag ${m.caseRef}: opholdstilladelse givet`),
    lines: [
      t(
        l,
        `Residence has been granted in case ${m.caseRef} (${fact(m.facts, 'asylumStatus', l)}). The prepared return is off and any partner has been told.`,
        `Der er givet opholdstilladelse i sag ${m.caseRef} (${fact(m.facts, 'asylumStatus', l)}). Den forberedte hjemrejse er aflyst, og en eventuel partner er underrettet.`,
      ),
    ],
  }),
  'programme-closed': (m, l) => ({
    subject: t(l, `Programme closed for case ${m.caseRef}`, `Programmet er afsluttet for sag ${m.caseRef}`),
    lines: [
      t(l, `The programme for case ${m.caseRef} has closed with outcome: ${fact(m.facts, 'outcome', l)}.`, `Programmet for sag ${m.caseRef} er afsluttet med udfaldet: ${fact(m.facts, 'outcome', l)}.`),
    ],
  }),
};

export function renderStaffMail(topic: StaffTopic, message: StaffMessage, language: Language): RenderedMail {
  const { subject, lines } = TEMPLATES[topic](message, language);
  const redirected = message.caseworkerIdWithoutAddress
    ? t(
        language,
        `You receive this because caseworker ${message.caseworkerIdWithoutAddress} has no address in the staff directory. Please pass it on and update the directory.`,
        `Du modtager denne besked, fordi sagsbehandler ${message.caseworkerIdWithoutAddress} ikke har en adresse i medarbejderkataloget. Send den videre og opdatér kataloget.`,
      )
    : undefined;
  const lookUp = t(language, `Look the case up: ${statusCommand(message.caseRef)}`, `Slå sagen op: ${statusCommand(message.caseRef)}`);
  return {
    subject: `${SEVERITY_PREFIX[language][message.severity]}${subject}`,
    text: mailBody([redirected, redirected ? '' : undefined, ...lines.filter((line) => line !== ''), '', lookUp], language),
  };
}

/** Every topic has a template: the record above is checked by the compiler; this is for tests. */
export const STAFF_TEMPLATE_TOPICS = Object.keys(TEMPLATES) as StaffTopic[];
