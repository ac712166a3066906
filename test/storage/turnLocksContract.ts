import { expect } from 'chai';
import type { TurnLocks } from '../../storage/ports.js';

export interface TurnLocksUnderTest {
  /** Two instances' locks over the same store (one object for a single-process backend). */
  first: TurnLocks;
  second: TurnLocks;
  cleanup?: () => Promise<void>;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Turn locks on every backend: one turn at a time per conversation across instances, others free. */
export function turnLocksContract(name: string, make: () => Promise<TurnLocksUnderTest>): void {
  describe(name, () => {
    let subject: TurnLocksUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => {
      await subject.cleanup?.();
    });

    it('never runs two turns of one conversation at once, whichever instance takes them', async () => {
      let running = 0;
      let most = 0;
      const done: number[] = [];
      const turn = (n: number) => async () => {
        running += 1;
        most = Math.max(most, running);
        for (let i = 0; i < 5; i += 1) await tick();
        running -= 1;
        done.push(n);
      };
      await Promise.all(Array.from({ length: 8 }, (_, n) => (n % 2 ? subject.second : subject.first).run('webchat:conv-1', turn(n))));
      expect(most).to.equal(1);
      expect(done).to.have.length(8);
      expect(
        done.filter((n) => n % 2 === 0),
        "one instance's turns in the order they came",
      ).to.deep.equal([0, 2, 4, 6]);
    });

    it('lets turns of other conversations run meanwhile', async () => {
      let otherStarted!: () => void;
      const started = new Promise<void>((resolve) => (otherStarted = resolve));
      // The first turn finishes only once the other conversation's turn has begun: serialised, it never would.
      const first = subject.first.run('sms:client-a', async () => {
        await started;
        return 'a';
      });
      const second = subject.second.run('sms:client-b', async () => {
        otherStarted();
        return 'b';
      });
      expect(await Promise.all([first, second])).to.deep.equal(['a', 'b']);
    });

    it('frees the lock when a turn fails', async () => {
      const failed = await subject.first
        .run('webchat:conv-2', async () => {
          throw new Error('turn failed');
        })
        .then(
          () => 'ran',
          (error: Error) => error.message,
        );
      expect(failed).to.equal('turn failed');
      expect(await subject.second.run('webchat:conv-2', async () => 'next turn')).to.equal('next turn');
    });
  });
}
