import { duration } from '../util/words';

/** What the status bar shows about capture. */
export type CaptureState = 'recording' | 'paused' | 'off';

/** Today's figures behind the status bar (from the store's `todaySummary` or the live counters). */
export interface TodayCaptureFigures {
  /** Characters of new code today (typed, pasted, AI, ...). */
  newChars: number;
  /** Of those, characters from AI insertions (inline, chat, agent). */
  aiChars: number;
  /** Of the AI characters, those still present at their latest checkpoint. */
  aiKeptChars: number;
  /** AI characters whose survival has been measured at least once (the denominator of "kept"). */
  aiMeasuredChars: number;
  /** The user's own pattern insertions: not AI, counted apart with the same meanings (absent: none known). */
  patternChars?: number;
  patternKeptChars?: number;
  patternMeasuredChars?: number;
  /** Active coding time today, ms (ended sessions from the store plus the running one), when known. */
  activeMs?: number;
}

/** Lines of the tooltip that say what capture cannot see. */
export const CAPTURE_BLIND_SPOTS: readonly string[] = [
  'Not visible to extensions: whether a suggestion was shown, and suggestions ignored by typing on (implicit rejections).',
  'Suggestions accepted with the mouse or remapped keys, and chat/agent edits, are recognised heuristically.',
  "Other extensions' test results are not visible; test runs are read from terminal and task exit codes.",
];

function pct(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–';
}

/** Status bar text and tooltip (Markdown) for the capture state and today's figures. */
export function captureStatus(state: CaptureState, today?: TodayCaptureFigures): { text: string; tooltip: string } {
  if (state === 'off') return { text: '$(circle-slash) AI capture off', tooltip: 'AI Learning Analytics: capture is turned off in settings.' };
  if (state === 'paused') {
    return { text: '$(debug-pause) AI capture paused', tooltip: 'AI Learning Analytics: capture is paused. Run "AI Learning: Resume Capture" to continue.' };
  }
  const share = today ? pct(today.aiChars, today.newChars) : '–';
  const kept = today ? pct(today.aiKeptChars, today.aiMeasuredChars) : '–';
  const lines = [
    '**AI Learning Analytics** is recording on this machine.',
    '',
    today
      ? `Today: ${today.aiChars} of ${today.newChars} new characters came from AI (${share}); ${kept} of the measured AI code was kept.`
      : 'Today: no figures yet.',
    ...(today?.patternChars ? [
      '',
      `Your own patterns (not counted as AI): ${today.patternChars} characters inserted; ${pct(today.patternKeptChars ?? 0, today.patternMeasuredChars ?? 0)} of the measured ones kept.`,
    ] : []),
    '',
    ...CAPTURE_BLIND_SPOTS.map((l) => `- ${l}`),
  ];
  // Active time first, as WakaTime shows it ("2 hrs 5 mins"); from the first whole minute on.
  const timed = (today?.activeMs ?? 0) >= 60_000;
  const time = timed ? `${duration(today!.activeMs!)} · ` : '';
  if (timed) lines.splice(3, 0, '', `Active coding time today: ${duration(today!.activeMs!)} (gaps under a minute between edits, saves and commands; idle time not counted).`);
  return { text: `$(record) ${time}AI ${share} · kept ${kept}`, tooltip: lines.join('\n') };
}
