/** Entry point of the workflow bundle: every workflow type the worker registers. */
export { returnProgramme } from './returnProgramme.js';
export { annualReport } from './annualReport.js';
