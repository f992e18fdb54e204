/**
 * What no public VS Code API lets an extension observe. Shown on the dashboard and in the status bar
 * tooltip as-is, so the numbers are never read as more than they are.
 */
export const BLIND_SPOTS: readonly string[] = [
  'That an inline suggestion was shown: only accepting it (Tab, Ctrl/Cmd+Right) or dismissing it (Escape) is seen, so there is no acceptance rate of shown suggestions.',
  'Implicit rejections: a suggestion ignored by typing on or moving the cursor leaves no trace.',
  'Suggestions accepted with the mouse or remapped keys are caught only by the text-change heuristic.',
  'Chat and agent activity of other extensions is known only from the logs those tools write, after the fact (Import AI Chat History).',
  'Test results shown by other extensions\u2019 test explorers: only terminal and task exit codes are seen.',
];
