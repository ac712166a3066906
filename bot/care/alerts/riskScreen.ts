import type { Programme } from '../../config/programmeSchema.js';
import type { Logger } from '../../platform/logger.js';
import { compileLexiconInSteps } from '../../../dialogs/safety/compileLexicon.js';
import { defaultRiskLexicon, extendLexicon, screenMessage, unreadFinding, type RiskFinding } from '../../../dialogs/safety/screenMessage.js';

/** Screens one message for risk with a programme's lexicon. */
export type RiskScreen = (text: string) => RiskFinding | null;

/**
 * The programme's screen: the built-in lexicon with what the programme file adds, then the concept
 * rules and the trained model. A screen that throws never passes a message as safe: the error is
 * logged (without the message) and the message raises a same-day alert.
 */
export function riskScreenFor(
  programme: Programme,
  log?: Pick<Logger, 'error'>,
  screen: typeof screenMessage = screenMessage,
): RiskScreen & {
  /**
   * Builds now what the first message would otherwise wait for: the lexicon (in short steps, with
   * `pause` between them), then the concept rules and the model.
   */
  warm(pause: () => Promise<void>): Promise<void>;
} {
  const lexicon = extendLexicon(defaultRiskLexicon, programme.risk.lexicon);
  const screenOne = (text: string) => {
    try {
      return screen(text, lexicon);
    } catch (error) {
      log?.error('risk.screen-failed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), length: text.length });
      return unreadFinding('could-not-screen', 'could not screen this message');
    }
  };
  const warm = async (pause: () => Promise<void>) => {
    await compileLexiconInSteps(lexicon, pause);
    await pause();
    screen('Thank you, see you next week.', lexicon);
  };
  return Object.assign(screenOne, { warm });
}
