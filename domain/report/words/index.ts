/** The report's words, one catalogue per language. */
import type { ReportLanguage } from '../language.js';
import type { ReportWords } from './catalogue.js';
import { da } from './da.js';
import { en } from './en.js';

const CATALOGUES: Record<ReportLanguage, ReportWords> = { en, da };

export function reportWords(lang: ReportLanguage): ReportWords {
  return CATALOGUES[lang];
}
