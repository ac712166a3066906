import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbWebChat } from '../../storage/lowdb/lowdbWebChat.js';
import { webChatTranscriptsContract } from './webChatTranscriptsContract.js';

webChatTranscriptsContract('WebChatTranscripts on lowdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-webchat-'));
  return {
    transcripts: new LowdbWebChat(dir),
    reopen: async () => new LowdbWebChat(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
