export { importChecklist, loadChecklistModel } from './checklist/checklist.service';
export { parseChecklistText } from './checklist/checklist-file';
export type { ChecklistModel } from './checklist/checklist-model';
export { scoreAudit, validateAnswers } from './checklist/scoring';
export { seedLabsDemo } from './demo/labs-demo.seed';
export { labsCli } from './labs.cli';
export { labsRoutes } from './labs.routes';
export { actionRemindersJob } from './ncs/reminders.job';
