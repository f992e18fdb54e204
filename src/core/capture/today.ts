import type { ChangeLabel, SurvivalEvent } from '../model/events';
import type { TodayCaptureFigures } from './status';

/**
 * Live counters for today's status bar figures, kept by the engine (the store's `todaySummary` gives the same
 * figures across restarts). "Today" is the local calendar day of the clock.
 */
export class TodayCounters {
  private dayStart = 0;
  private dayEnd = 0;
  private newChars = 0;
  private aiChars = 0;
  private patternChars = 0;
  private readonly survival = new Map<string, { kept: number; total: number; measured: boolean; own: boolean }>();

  /**
   * A change of `added` characters; `insertionId` set when it was an insertion whose survival is tracked,
   * `own` when that insertion is one of the user's own patterns (not AI).
   */
  onChange(ts: number, label: ChangeLabel, added: number, insertionId?: string, own = false): void {
    this.roll(ts);
    if (label === 'undo' || label === 'redo') return;
    this.newChars += added;
    if (insertionId) {
      if (own) this.patternChars += added;
      else this.aiChars += added;
      this.survival.set(insertionId, { kept: added, total: added, measured: false, own });
    }
  }

  onSurvival(ev: SurvivalEvent): void {
    const s = this.survival.get(ev.insertionId);
    if (s) Object.assign(s, { kept: ev.charsKept, total: ev.charsTotal, measured: true });
  }

  figures(now: number): TodayCaptureFigures {
    this.roll(now);
    const sums = { ai: { kept: 0, measured: 0 }, own: { kept: 0, measured: 0 } };
    for (const s of this.survival.values()) {
      if (!s.measured) continue;
      const t = s.own ? sums.own : sums.ai;
      t.kept += s.kept;
      t.measured += s.total;
    }
    return {
      newChars: this.newChars, aiChars: this.aiChars, aiKeptChars: sums.ai.kept, aiMeasuredChars: sums.ai.measured,
      patternChars: this.patternChars, patternKeptChars: sums.own.kept, patternMeasuredChars: sums.own.measured,
    };
  }

  private roll(ts: number): void {
    if (ts >= this.dayStart && ts < this.dayEnd) return;
    const d = new Date(ts);
    d.setHours(0, 0, 0, 0);
    this.dayStart = d.getTime();
    d.setDate(d.getDate() + 1);
    this.dayEnd = d.getTime();
    this.newChars = 0;
    this.aiChars = 0;
    this.patternChars = 0;
    this.survival.clear();
  }
}
