import { z } from 'zod';

/** Names a wording template may use, as {clientName} etc. */
export const PLACEHOLDERS = [
  'clientName',
  'programmeName',
  'linkWorkerName',
  'linkWorkerPhone',
  'itemCount',
  'date',
  'weeks',
  'crisisContacts',
  // Group nudges and follow-ups: the group, when ("tomorrow 10:00", "today"), where, how to get there, attendance count.
  'groupName',
  'sessionTime',
  'venue',
  'travel',
  'count',
] as const;
export type WordingValues = Partial<Record<(typeof PLACEHOLDERS)[number], string | number>>;

const template = (fallback: string) =>
  z
    .string()
    .min(1)
    .default(fallback)
    .superRefine((text, ctx) => {
      for (const [, name] of text.matchAll(/\{(\w+)\}/g)) {
        if (!(PLACEHOLDERS as readonly string[]).includes(name!)) {
          ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
        }
      }
    });

/**
 * Everything Linkwell says in its own words (not validated instrument wording), overridable per
 * programme. Plain language, short enough for one or two SMS segments.
 */
export const wordingSchema = z.object({
  welcome: template(
    "Hello {clientName}. I'm Linkwell, an automated check-in service from {programmeName}, not a person. " +
      '{linkWorkerName}, your link worker, sees what you tell me. Say "check in" when you are ready, or "help" at any time.',
  ),
  checkInIntro: template(
    "Hi {clientName}, it's Linkwell, the automated check-in from {programmeName}. {itemCount} quick questions. " +
      'Reply with a number or in your own words. Say skip to skip one, or finish to end early.',
  ),
  reask: template('Just to be sure I get this right, which is closest?'),
  moveOn: template("That's fine, let's move on."),
  openQuestion: template("Is there anything you'd like {linkWorkerName} to know? Type it here, or reply no."),
  noteThanks: template("Thank you. I'll pass that on to {linkWorkerName}."),
  freeTextNoted: template("Thank you for telling me. I'll make sure {linkWorkerName} sees that."),
  thanks: template("Thank you, {clientName}, that's your check-in done. {linkWorkerName} can see your answers. Take care."),
  stopped: template('OK, we will stop there. Your answers so far are saved. Say "check in" any time to start again.'),
  earlierQuestion: template('That button was for an earlier question. The question now is:'),
  alreadyOpen: template("We're in the middle of a check-in. Here is the question again."),
  help: template(
    'Linkwell is an automated check-in from {programmeName}. Reply with the number beside your answer, or in your own words. ' +
      'Say skip to skip a question, or finish to end early. To reach {linkWorkerName}, type your message and I will pass it on.',
  ),
  // {date} is when the link worker will see it by the programme's working hours: "today", "tomorrow", "on Monday" (whenStaffSee).
  noteReceived: template('Thank you. I have passed your message to {linkWorkerName}, who will see it {date}. Say "check in" to do a check-in.'),
  unknownSender: template(
    'Sorry, this service is only for people invited by their link worker. If you think this is a mistake, please contact your link worker.',
  ),
  turnError: template('Sorry, something went wrong on our side. Please try again in a moment.'),
  // How answers are used and who sees them, in plain words, before anything is asked or kept.
  consentAsk: template(
    'Once a week I can send you a few short questions. Your answers go to {linkWorkerName}, your link worker, to help them support you. ' +
      'They are also counted, without your name, to see how the programme helps. Nobody else sees them. ' +
      'Reply YES if you are happy with this. You can pause or stop at any time.',
  ),
  consentBeforeCheckIn: template(
    'Before your first check-in: your answers go to {linkWorkerName}, your link worker, to help them support you. ' +
      'They are also counted, without your name, to see how the programme helps. Nobody else sees them. ' +
      'Reply YES if you are happy with this, and we will start. You can pause or stop at any time.',
  ),
  consentNotNow: template("That's fine. Nothing is asked or kept until you say YES. You can still send {linkWorkerName} a message here."),
  consentThanks: template('Thank you, {clientName}. Linkwell will check in with you once a week. {linkWorkerName} sees your answers.'),
  smsHelp: template(
    'Linkwell: automated check-ins from {programmeName}. Your link worker is {linkWorkerName}, {linkWorkerPhone}. ' +
      'Reply PAUSE to pause for 2 weeks, STOP to stop all messages.',
  ),
  smsOptedOut: template("You won't get any more messages from Linkwell. Reply START to join again. {linkWorkerName} can still call you."),
  smsOptedIn: template("Welcome back. You'll get Linkwell check-ins from {programmeName} again. Reply STOP at any time to stop."),
  smsPaused: template('OK, no check-ins until {date}. Reply RESUME to start again sooner, or STOP to stop all messages.'),
  smsResumed: template('OK, check-ins from {programmeName} are back on. Reply PAUSE for a break at any time.'),
  smsTextOnly: template('Sorry, I can only read text, not pictures or other attachments. Please reply in words or numbers.'),
  menu: template('OK, starting again. Say "check in" to do a check-in, or "help" for help. Anything else you write goes to {linkWorkerName}.'),
  checkInReminder: template('Just a reminder, {clientName}: your Linkwell check-in is still open. Here is the question again.'),
  endingNotice: template(
    '{clientName}, your time with {programmeName} ends in {weeks} weeks, on {date}. {linkWorkerName} can talk with you about what comes next.',
  ),
  goodbye: template('Today your time with {programmeName} ends, {clientName}. Thank you for checking in with Linkwell. {linkWorkerName} wishes you well.'),
  riskUrgent: template("I'm so sorry you're feeling like this, {clientName}. You don't have to face it alone. Please get help now: {crisisContacts}."),
  riskToldInHours: template("I've let {linkWorkerName} know, and they will contact you today. Our check-ins are paused for now."),
  riskToldOutOfHours: template(
    "I've let the duty worker know, and someone will contact you as soon as they can. {linkWorkerName} will be told too. Our check-ins are paused for now.",
  ),
  riskSameDay: template(
    "Thank you for telling me, {clientName}. That sounds really hard. I've let {linkWorkerName} know so they can contact you today. If you are in danger now, call 999.",
  ),
  riskRoutine: template("Thank you for telling me. I've passed this on to {linkWorkerName}, who will see it {date}."),
  riskUnknownSender: template(
    "This service is only for people invited by a link worker, but please don't face this alone. Please get help now: {crisisContacts}.",
  ),
  laterOk: template("No problem. I'll ask again later. You can also reply any time to carry on."),
  checkInResume: template('Hello again, {clientName}. Here is where we left off.'),
  // Web chat opened again after something came while no page was open. {date}: "today", "yesterday", "on Monday".
  chatAwayCheckIn: template('Welcome back, {clientName}. A check-in came {date} while you were away. It is still open, so here is the question.'),
  chatAwayCheckInPassed: template(
    'Welcome back, {clientName}. A check-in came {date} while you were away, and its time has passed. Would you like to do one now?',
  ),
  chatAwayMessage: template('Welcome back, {clientName}. There is a new message for you above.'),
  checkInNotNow: template('That\'s fine. Say "check in" whenever you are ready.'),
  lateAnswer: template("Thank you. That check-in had closed, but I've added your answer for {linkWorkerName}."),
  groupNudge: template("Linkwell: {groupName} {sessionTime} at {venue}. {travel} Reply 1 if you're going, 2 if something's in the way."),
  groupNudgeReask: template("Just to check: reply 1 if you're going to {groupName}, or 2 if something's in the way."),
  groupGoing: template("Lovely, enjoy it, {clientName}! I'll ask how it went afterwards."),
  groupFollowUp: template('Hello {clientName}, did you make it to {groupName} {sessionTime}? Reply 1 yes, 2 no.'),
  groupFollowUpReask: template('Just to check: did you go to {groupName} {sessionTime}? Reply 1 yes, 2 no.'),
  groupHowWasIt: template('That is great, well done for going! How was it?'),
  groupFitAsk: template('Thank you. Did you feel welcome? Reply 1 yes, 2 a bit, 3 no.'),
  groupFitReask: template('Did you feel welcome at {groupName}? Reply 1 yes, 2 a bit, 3 no.'),
  groupFitYes: template("That's lovely to hear. I'll let {linkWorkerName} know."),
  groupFitABit: template('Thanks for being honest. It can take a few visits to feel at home. I will let {linkWorkerName} know.'),
  groupCelebrate: template("That's {count} times at {groupName} this month. Well done, {clientName}!"),
  groupBarrierAsk: template('Thanks for letting me know. What got in the way?'),
  groupBarrierReask: template('Which of these got in the way? You can also tell me in your own words.'),
  groupBarrierOther: template('What got in the way? A few words is fine.'),
  groupBarrierThanks: template("Thank you for telling me. I'll pass it on to {linkWorkerName}, who will see it {date}."),
  groupNotRunning: template("Thank you. We'll check the details of {groupName} with the group."),
  groupFeelingLow: template("I'm sorry you've been feeling low, {clientName}. I'll let {linkWorkerName} know, so they can be in touch."),
  groupCompanyAsk: template('Would it help if someone came with you the first time? Reply yes or no.'),
  groupCompanyAskNext: template('Would it help if someone came with you next time? Reply yes or no.'),
  groupCompanyYes: template("OK, I'll ask {linkWorkerName} to arrange that. They will be in touch."),
  groupCompanyNo: template("That's fine. {linkWorkerName} will see what you said."),
  groupNotWelcome: template("I'm sorry it didn't feel welcoming, {clientName}. I'll let {linkWorkerName} know."),
  groupNudgesStopped: template(
    "Thank you for being honest, {clientName}. I won't remind you about {groupName} any more. {linkWorkerName} will be in touch to talk about other groups.",
  ),
  groupSkipped: template("That's fine. {linkWorkerName} is there if you want to talk about {groupName}."),
  groupBackToCheckIn: template('Now, back to your check-in.'),
  linkWorkerChanged: template(
    'Hello {clientName}, your link worker at {programmeName} is now {linkWorkerName}. They can see your check-ins and will be in touch.',
  ),
  groupNoted: template("Thank you. I'll pass that on to {linkWorkerName}, who will see it {date}."),
});

export type Wording = z.infer<typeof wordingSchema>;

/** Fill a template's placeholders; a missing value leaves a plain gap rather than "{name}". */
export function fill(text: string, values: WordingValues): string {
  return text
    .replace(/\{(\w+)\}/g, (_, name: string) => String(values[name as keyof WordingValues] ?? ''))
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.])/g, '$1');
}
