import { IANAZone } from 'luxon';
import { z } from 'zod';

export const e164 = z.string().regex(/^\+[1-9]\d{7,14}$/, 'expected a phone number in international E.164 form, e.g. +447700900123');

export const ianaTimeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), { message: 'expected an IANA time zone, e.g. Europe/London' });

export const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lower-case id (a-z, 0-9, - or _)');
