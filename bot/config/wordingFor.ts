import type { Wording } from '../../dialogs/wording/wording.js';
import type { Programme } from './programmeSchema.js';

/**
 * The programme's wording in a client's language: each key from that language's translation, else
 * from the programme's own wording. No language, the programme's own, or one it has no translation
 * for (e.g. one removed from the file since) gives the programme's own wording.
 */
export function wordingFor(programme: Pick<Programme, 'wording' | 'language' | 'translations'>, language?: string): Wording {
  if (!language || language === programme.language || !Object.hasOwn(programme.translations, language)) return programme.wording;
  const wording = { ...programme.wording };
  for (const [key, text] of Object.entries(programme.translations[language]!)) {
    if (text !== undefined) wording[key as keyof Wording] = text;
  }
  return wording;
}
