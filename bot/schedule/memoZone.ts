import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

// An IANA zone's offset only changes at its transitions, which fall on quarter hours of UTC time.
const BUCKET_MS = 15 * 60_000;

/**
 * An IANA time zone whose UTC offsets are remembered per quarter hour. Luxon asks Intl for the
 * offset on every date computation, which is most of the planner's time; the answers never change.
 */
class MemoZone extends Zone {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly inner: IANAZone) {
    super();
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
    const bucket = Math.floor(ts / BUCKET_MS);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      offset = this.inner.offset(ts);
      if (this.offsets.size > 200_000) this.offsets.clear();
      this.offsets.set(bucket, offset);
    }
    return offset;
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
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
