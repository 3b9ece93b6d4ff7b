/**
 * Tells a USB barcode scanner from a person: both type into the page, but a scanner types a whole
 * code in a burst, a few milliseconds per character, and ends it with Enter.
 */
export interface ScanTiming {
  /** A pause longer than this starts a new burst. */
  burstGapMs: number;
  /** No person keeps up this pace over a whole code. */
  maxAverageGapMs: number;
  minLength: number;
}

export const SCANNER_TIMING: ScanTiming = { burstGapMs: 100, maxAverageGapMs: 30, minLength: 6 };

export class ScanDetector {
  private chars = '';
  private firstAt = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly timing: ScanTiming = SCANNER_TIMING) {}

  /** A printable key at `at` ms; true when it starts a new burst. */
  key(char: string, at: number): boolean {
    const fresh = at - this.lastAt > this.timing.burstGapMs;
    if (fresh) {
      this.chars = '';
      this.firstAt = at;
    }
    this.chars += char;
    this.lastAt = at;
    return fresh;
  }

  /** Enter at `at` ms: the scanned code when the keys before it were a scanner's burst, else null. */
  enter(at: number): string | null {
    const { chars, firstAt, lastAt } = this;
    this.reset();
    if (chars.length < this.timing.minLength || at - lastAt > this.timing.burstGapMs) return null;
    const averageGap = (at - firstAt) / chars.length;
    return averageGap <= this.timing.maxAverageGapMs ? chars : null;
  }

  reset(): void {
    this.chars = '';
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}

/**
 * A field's text with a scan's keys taken back off its end. Only the part of the code typed since
 * the field was last cleared is there to take off, as the till may clear the field mid-burst.
 */
export function withoutScan(value: string, code: string): string {
  for (let length = code.length; length > 0; length--) {
    if (value.endsWith(code.slice(-length))) return value.slice(0, -length);
  }
  return value;
}
