/**
 * How the desk says no, in terms a page (or an API) can show: no such programme (also what a
 * programme outside one's reach looks like), not part of one's role, a form with problems named by
 * field, or the programme's own refusal with its reason.
 */
import type { FieldProblem } from '../domain/validation.js';

export class NoSuchProgramme extends Error {
  constructor() {
    super('No such programme.');
    this.name = 'NoSuchProgramme';
  }
}

export class NotInRole extends Error {
  constructor(readonly action: string) {
    super(`Not part of the role: ${action}.`);
    this.name = 'NotInRole';
  }
}

export class FormProblems extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.problem}`).join('; '));
    this.name = 'FormProblems';
  }
}

/** The programme (or the erasure rules) refused: the reason, beside `field` when it names one. */
export class Refused extends Error {
  constructor(
    readonly reason: string,
    readonly field?: string,
  ) {
    super(reason);
    this.name = 'Refused';
  }
}
