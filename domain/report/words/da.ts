/**
 * The report in Danish, as the desk shows it: plain words a public authority would publish. Outcome
 * and decline reason codes stay codes, as in the English report and the CSV.
 */
import type { Resolution } from '../../commands.js';
import { DeclineReason } from '../../ledger/record.js';
import { Outcome } from '../../outcomes.js';
import type { ReportWords, TableWords } from './catalogue.js';

const codes = (all: readonly string[]) => Object.fromEntries(all.map((c) => [c, c]));

const durations = (what: string) => ({ median: `${what}, median`, q1: 'nedre kvartil', q3: 'øvre kvartil' });

const followUpColumns = {
  reached: 'opfølgningspunkter nået',
  received: 'rapport modtaget',
  missed: 'rapport udeblevet',
  completion: 'gennemført',
  stopped: 'stoppet (intet samtykke)',
  pending: 'venter på rapporten',
};

const situation = (months: number): TableWords => ({
  title: `Hendes situation efter ${months} måneder, efter område`,
  description: `Hvad den modtagende partners rapport efter ${months} måneder sagde om hvert område: sikker (intet behov), tilstrækkelig (behovet dækket med støtte), skrøbelig (behovet delvist dækket), kritisk (akut behov eller fare), ukendt (ikke vurderet denne gang). Hver rapport tælles én gang i hvert område. Ikke registreret: en rapport i den tidligere form (bolig, indkomst, trivsel) eller en rapport, som evalueringsregistret registrerede efter tælleregel 2026.1, før det gemte situationen.`,
  columns: {
    reports: 'rapporter modtaget',
    secure: 'sikker',
    adequate: 'tilstrækkelig',
    fragile: 'skrøbelig',
    critical: 'kritisk',
    unknown: 'ukendt (ikke vurderet)',
    notRecorded: 'ikke registreret',
  },
});

const RESOLUTION_WORDS: Record<Resolution, string> = {
  'she-is-safe': 'hun er i sikkerhed',
  'risk-reduced': 'risikoen mindsket',
  unfounded: 'ubegrundet',
  'handed-to-authority': 'overdraget til en myndighed',
  'no-longer-relevant': 'ikke længere relevant',
  other: 'andet',
};

/** The day before an exclusive end: people say "til og med 31. december". */
const lastDay = (exclusiveEnd: string) => new Date(Date.parse(exclusiveEnd) - 86_400_000).toISOString().slice(0, 10);

/** Danish writes a decimal comma. */
const decimal = (n: number) => n.toFixed(1).replace('.', ',');

export const da: ReportWords = {
  title: (label) => `Forberedt hjemrejse: statusrapport ${label}`,
  period: (p) =>
    `Programmer åbnet i ${p.label} (fra og med ${p.from.slice(0, 10)} til og med ${lastDay(p.to)}). Udarbejdet ${p.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`,
  headings: { keyFigures: 'Nøgletal', charts: 'Diagrammer', notes: 'Om tallene', none: '(ingen)' },
  groups: {
    overall: 'Alle programmer',
    country: 'Efter hjemland',
    partner: 'Efter partnerorganisation',
    sex: 'Efter køn',
    ageBand: 'Efter aldersgruppe',
    checkpoint: 'Efter opfølgningspunkt',
    area: 'Efter område',
  },
  rows: {
    overall: 'Alle programmer',
    overallDeclined: 'Alle fravalgte tilbud',
    noPartner: 'ingen partner sagde ja',
    sex: { female: 'kvinde', male: 'mand', other: 'andet', unknown: 'ukendt' },
    ageBand: { 'under-18': 'under 18 år', '18-24': '18-24 år', '25-34': '25-34 år', '35-49': '35-49 år', '50-plus': '50 år og derover', unknown: 'ukendt' },
    checkpoint: { 'month-1': '1 måned', 'month-3': '3 måneder', 'month-6': '6 måneder', 'month-12': '12 måneder' },
    area: { housing: 'bolig', livelihood: 'forsørgelse', health: 'helbred', safety: 'sikkerhed', family: 'familie', legalStatus: 'juridisk status' },
  },
  tables: {
    outcomes: {
      title: 'Programmer åbnet, efter udfald',
      description: 'Programmer åbnet i perioden, og hvordan de endte, med udfaldets kode; "stadig åbne" programmer er ikke afsluttet endnu.',
      columns: { opened: 'åbnet', ...codes(Outcome.options), open: 'stadig åbne' },
    },
    uptake: {
      title: 'Tilbud taget imod, fravalgt eller afbrudt',
      description:
        'Taget imod: hun rejste hjem inden for programmet. Fravalgt: hun trak sig før afrejsen. Afbrudt: hun forsvandt, eller en sagsbehandler lukkede programmet før afrejsen.',
      columns: {
        opened: 'åbnet',
        takenUp: 'taget imod (rejst)',
        declined: 'fravalgt',
        dropped: 'afbrudt',
        residenceGranted: 'opholdstilladelse givet',
        notYetDeparted: 'endnu ikke rejst',
      },
    },
    departure: {
      title: 'Tid fra åbning til afrejse',
      description: 'Fra programmet blev åbnet (ønsket om at rejse hjem) til den bekræftede afrejse (den faktiske hjemrejse).',
      columns: {
        departed: 'rejst',
        under30: 'under 30 dage',
        days30to59: '30–59 dage',
        days60to89: '60–89 dage',
        days90to119: '90–119 dage',
        days120plus: '120 dage eller mere',
        ...durations('tid til afrejse'),
      },
    },
    referrals: {
      title: 'Henvisninger til partnerorganisationer',
      description: 'Hver partner, der blev bedt om at tage imod hende, tælles én gang; efter partner tælles den partner, der blev spurgt. Svartid: fra anmodningen til svaret.',
      columns: {
        asked: 'partnere spurgt',
        accepted: 'sagde ja',
        declined: 'sagde nej',
        noAnswer: 'intet svar i tide',
        other: 'andet (venter, kunne ikke leveres, trukket tilbage)',
        acceptanceRate: 'andel ja',
        ...durations('svartid'),
      },
    },
    handover: {
      title: 'Overdragelse ved ankomst',
      description: 'Om den modtagende partner bekræftede, at hun blev modtaget inden for fristen for overdragelsen.',
      columns: {
        departed: 'rejst',
        inWindow: 'bekræftet inden for fristen',
        late: 'bekræftet for sent',
        notConfirmed: 'ikke bekræftet',
        inWindowRate: 'inden for fristen',
      },
    },
    followUpByCheckpoint: {
      title: 'Opfølgning efter opfølgningspunkt',
      description:
        'Rapporter 1, 3, 6 og 12 måneder efter overdragelsen. Gennemført: modtagne rapporter ud af de opfølgningspunkter, der er nået (rapporten modtaget eller udeblevet).',
      columns: followUpColumns,
    },
    followUp: {
      title: 'Opfølgning, alle opfølgningspunkter',
      description: 'De fire opfølgningspunkter samlet: i alt, efter hjemland og efter partner.',
      columns: followUpColumns,
    },
    situationMonth6: situation(6),
    situationMonth12: situation(12),
    safety: {
      title: 'Bekymringer, eskaleringer og samtykke',
      description:
        'Bekymringer: trusler, kontakt fra menneskehandlere eller kreditorer, mistet kontakt, mistanke om ny menneskehandel. Eskaleringer: overskredne frister og varsler til ledere; tiden åben, indtil de blev løst. Tilbagetrukne samtykker efter omfang.',
      columns: {
        concerns: 'bekymringer rejst',
        programmesWithConcern: 'programmer med en bekymring',
        escalations: 'eskaleringer',
        resolved: 'løst',
        unresolved: 'aldrig løst',
        urgent: 'hastende',
        ...durations('tid åben'),
        withdrewParticipation: 'trak samtykke til deltagelse tilbage',
        withdrewSharing: 'trak samtykke til deling tilbage',
        withdrewFollowUp: 'trak samtykke til opfølgning tilbage',
      },
    },
    concerns: {
      title: 'Bekymringer, og hvordan de endte',
      description:
        'Hver bekymring rejst i programmerne, hvordan den blev løst (en bekymring og den hastende eskalering, den udløste, afsluttes sammen), og dem, der ikke var løst, da rapporten blev udarbejdet. Løst, hvordan ikke registreret: løst, før evalueringsregistret registrerede hvordan (tælleregel 2026.1), eller afsluttet sammen med de øvrige, da alle programmets bekymringer blev løst eller rettet. Åben ved periodens slutning: rejst senest ved periodens slutning og ikke løst på det tidspunkt, talt efter måned, som evalueringsregistret gemmer dem.',
      columns: {
        raised: 'bekymringer rejst',
        resolved: 'løst',
        ...RESOLUTION_WORDS,
        resolutionNotRecorded: 'løst, hvordan ikke registreret',
        open: 'ikke løst',
        openAtPeriodEnd: 'åben ved periodens slutning',
      },
    },
    escalationResponses: {
      title: 'Eskaleringer kvitteret for og løst',
      description:
        'Om en leder kvitterede for hver eskalering (tog den på sig og sagde, hvad der vil blive gjort), hvor lang tid der gik fra eskaleringen, og hvem der løste den: en medarbejder (en leder eller sagsbehandleren, der løste bekymringen) eller programmet selv, når det, det ventede på, alligevel kom. Kvittering ikke registreret: rejst efter tælleregel 2026.1, før evalueringsregistret registrerede kvitteringer.',
      columns: {
        escalations: 'eskaleringer',
        acknowledged: 'kvitteret for af en leder',
        notAcknowledged: 'ikke kvitteret for',
        acknowledgementNotRecorded: 'kvittering ikke registreret',
        median: 'tid til kvittering, median',
        p90: '90. percentil',
        resolvedByStaff: 'løst af en medarbejder',
        resolvedByProgramme: 'løst af programmet',
        unresolved: 'aldrig løst',
      },
    },
    offersDeclined: {
      title: 'Tilbud fravalgt uden et program',
      description: 'Identificerede ofre, der blev tilbudt en forberedt hjemrejse og takkede nej, før et program blev åbnet, efter den grund, hun gav (som kode).',
      columns: { declined: 'takkede nej', ...codes(DeclineReason.options) },
    },
  },
  keyFigures: {
    opened: 'Programmer åbnet',
    takenUp: 'Tilbud taget imod (rejst)',
    declined: 'Trak sig før afrejsen',
    residenceGranted: 'Opholdstilladelse givet',
    absconded: 'Forsvundet',
    medianToDeparture: 'Tid fra åbning til afrejse, median',
    acceptanceRate: 'Andel henvisninger, som en partner sagde ja til',
    medianResponse: 'Partnernes svartid, median',
    handoverInWindow: 'Overdragelser bekræftet inden for fristen',
    followUpAt12: 'Opfølgning gennemført efter 12 måneder',
    concernsRaised: 'Bekymringer rejst',
    concernsResolved: 'Bekymringer løst',
    escalations: 'Eskaleringer',
    medianToAcknowledgement: 'Tid, til en leder kvitterede for en eskalering, median',
    medianEscalationOpen: 'Tid, en eskalering var åben, median',
    followUpConsentWithdrawn: 'Samtykke til opfølgning trukket tilbage',
    offersDeclined: 'Tilbud fravalgt uden et program',
  },
  charts: {
    outcomes: 'Udfald af de åbnede programmer',
    departure: 'Tid fra åbning til afrejse',
    'follow-up': 'Gennemført opfølgning efter opfølgningspunkt',
    countries: 'Programmer åbnet efter hjemland',
  },
  notes: (n) => [
    `Tal under ${n.threshold} er skjult, så ingen person kan genkendes: et antal under ${n.threshold} (også nul) vises som "${n.primary}", et antal, der er skjult, for at et sådant tal ikke kan regnes ud fra en sum, som "${n.secondary}", en andel, hvis antal er skjult, som "${n.secondary}", og en median, kvartil eller percentil af færre end ${n.minSample} varigheder som "${n.tooFew}" (med færre ville de tilsammen afsløre varigheden af enkelte programmer).`,
    'Programmerne tælles i den måned, de blev åbnet, ud fra evalueringsregistret, som gemmer hvert program, også efter at Temporal har slettet det; åbne programmer, som de stod, da rapporten blev udarbejdet.',
    'Rapporten indeholder kun antal, andele og varigheder: intet sagsnummer, navn eller andre personoplysninger.',
  ],
  duration(ms) {
    const units: Array<[number, string]> = [
      [86_400_000, 'dage'],
      [3_600_000, 'timer'],
      [60_000, 'minutter'],
    ];
    for (const [size, name] of units) if (ms >= size) return `${decimal(ms / size)} ${name}`;
    const seconds = Math.round(ms / 1000);
    return `${seconds} ${seconds === 1 ? 'sekund' : 'sekunder'}`;
  },
};
