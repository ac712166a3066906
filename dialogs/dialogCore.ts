// The dialog core Linkwell builds on, from botbuilder-dialogs' own modules. Its index also loads
// every prompt and, for them, a copy of Microsoft's recognizers older than the one Linkwell uses: a
// fifth of a second of every start-up for code Linkwell never runs. The package has no exports map,
// so these paths are as public as its index; test/architecture checks nothing else imports the index.
export { Dialog, DialogReason, type DialogInstance, type DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
