import type { Clock } from '../../src-shared/clock';

/**
 * KRA's clock, which tests move: it follows the real clock until pinned by `set`, and `advance`
 * moves it either way. Every resultDt, sdcDateTime, modification time and fault window reads it.
 */
export class SimClock implements Clock {
  private pinnedAt: number | null = null;
  private offsetMs = 0;

  constructor(private readonly real: Clock) {}

  now(): Date {
    return new Date(this.pinnedAt ?? this.real.now().getTime() + this.offsetMs);
  }

  monotonicMs(): number {
    return this.real.monotonicMs();
  }

  set(at: Date): void {
    this.pinnedAt = at.getTime();
  }

  advance(ms: number): void {
    if (this.pinnedAt === null) this.offsetMs += ms;
    else this.pinnedAt += ms;
  }

  reset(): void {
    this.pinnedAt = null;
    this.offsetMs = 0;
  }

  snapshot(): { pinnedAt: number | null; offsetMs: number } {
    return { pinnedAt: this.pinnedAt, offsetMs: this.offsetMs };
  }

  restore(saved: { pinnedAt: number | null; offsetMs: number }): void {
    this.pinnedAt = saved.pinnedAt;
    this.offsetMs = saved.offsetMs;
  }
}
