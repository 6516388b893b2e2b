/**
 * The desk's words: every choice a form offers (the codes the programme's schemas allow) is shown in
 * words in both languages, never as a bare code, and the Danish words differ from the English.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, type FormField } from '../../web/commands.js';
import { da, en } from '../../web/messages/index.js';
import { DECLINED_OFFER_FORM, OPEN_FORM } from '../../web/views/open.js';

const forms: FormField[] = [...Object.values(COMMANDS).flatMap((spec) => spec.fields as readonly FormField[]), ...OPEN_FORM, ...DECLINED_OFFER_FORM];
const codes = [...new Set(forms.flatMap((f) => f.options ?? []))].sort();

describe("the desk's words for its choices", () => {
  it('has every choice of every form in English and in Danish', () => {
    expect(codes.length).toBeGreaterThan(50);
    const missing = (words: Record<string, string>) => codes.filter((code) => !words[code]);
    expect(missing(en.options)).toEqual([]);
    expect(missing(da.options)).toEqual([]);
  });

  it('says them in Danish in Danish, and holds no words for choices no form offers', () => {
    const same = codes.filter((code) => da.options[code as keyof typeof da.options] === en.options[code as keyof typeof en.options] && !['E-mail'].includes(en.options[code as keyof typeof en.options]));
    expect(same).toEqual([]);
    expect(Object.keys(en.options).filter((code) => !codes.includes(code))).toEqual([]);
  });
});
