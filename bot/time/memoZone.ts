import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

// Offsets are worked out a span of time at a time: sampled every three hours and, where two
// samples differ, the change found to the second by bisection (Intl answers to the second). Two
// changes less than three hours apart would be missed; firstInstant already assumes there are none.
const SPAN_MS = 24 * 86_400_000;
const SAMPLE_MS = 3 * 3_600_000;
// "GMT+05:45", "GMT-00:01:15" (local mean time), or "GMT" alone for a zero offset.
const LONG_OFFSET = /GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/;

/** The offsets over one span: `offsets[0]` from its start, `offsets[i + 1]` from `changes[i]`. */
interface Span {
  offsets: number[];
  changes: number[];
}

/**
 * An IANA time zone whose UTC offsets are remembered as the times they change. Luxon asks Intl
 * for the offset on every date computation (several microseconds each); the planner asks millions
 * of times, and now looks each up in a list of a zone's changes.
 */
class MemoZone extends Zone {
  private readonly spans = new Map<number, Span>();
  private lastIndex = NaN;
  private lastSpan: Span = { offsets: [], changes: [] };
  // Formatting just the offset is about five times quicker than luxon's formatToParts of every field.
  private readonly format: Intl.DateTimeFormat | undefined;

  constructor(private readonly inner: IANAZone) {
    super();
    if (inner.isValid) this.format = new Intl.DateTimeFormat('en-US', { timeZone: inner.name, timeZoneName: 'longOffset' });
  }

  override get type(): string {
    return 'iana';
  }

  override get name(): string {
    return this.inner.name;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): boolean {
    return this.inner.isValid;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.inner.offsetName(ts, options);
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.inner.formatOffset(ts, format);
  }

  override offset(ts: number): number {
    const index = Math.floor(ts / SPAN_MS);
    let span = this.lastSpan;
    if (index !== this.lastIndex) {
      // Far from any planning, near the limits of Date (and NaN): luxon answers as it does.
      if (!(Math.abs(ts) < 8e15) || !this.inner.isValid) return this.inner.offset(ts);
      span = this.spans.get(index) ?? this.learn(index);
      this.lastIndex = index;
      this.lastSpan = span;
    }
    const { changes, offsets } = span;
    let i = 0;
    while (i < changes.length && ts >= changes[i]!) i += 1;
    return offsets[i]!;
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }

  /** The offset Intl gives, as luxon reads it (minutes, with any seconds as a fraction). */
  private probe(ts: number): number {
    const m = this.format && LONG_OFFSET.exec(this.format.format(ts));
    if (!m) return this.inner.offset(ts);
    if (!m[1]) return 0;
    const minutes = Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60;
    return m[1] === '-' ? -minutes || 0 : minutes;
  }

  private learn(index: number): Span {
    const start = index * SPAN_MS;
    const span: Span = { offsets: [this.probe(start)], changes: [] };
    let before = start;
    let offset = span.offsets[0]!;
    for (let at = start + SAMPLE_MS; at <= start + SPAN_MS; at += SAMPLE_MS) {
      const next = this.probe(at);
      if (next === offset) {
        before = at;
        continue;
      }
      // The first whole second with the new offset.
      let lo = before;
      let hi = at;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (this.probe(mid) === offset) lo = mid;
        else hi = mid;
      }
      if (hi < start + SPAN_MS) {
        span.changes.push(hi);
        span.offsets.push(next);
      }
      before = at;
      offset = next;
    }
    this.spans.set(index, span);
    return span;
  }
}

const zones = new Map<string, Zone>();

/** The zone for an IANA name, with its offsets remembered (see MemoZone). */
export function memoZone(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new MemoZone(IANAZone.create(name));
    zones.set(name, zone);
  }
  return zone;
}
