import type { Programme } from '../config/programmeSchema.js';
import { defaultRiskLexicon, extendLexicon, screenMessage, type RiskFinding } from '../../dialogs/safety/screenMessage.js';

/** Screens one message for risk with a programme's lexicon. */
export type RiskScreen = (text: string) => RiskFinding | null;

/** The programme's screen: the built-in lexicon with what the programme file adds. */
export function riskScreenFor(programme: Programme): RiskScreen {
  const lexicon = extendLexicon(defaultRiskLexicon, programme.risk.lexicon);
  return (text) => screenMessage(text, lexicon);
}
