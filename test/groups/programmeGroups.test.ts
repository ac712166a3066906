import { expect } from 'chai';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import { groupInput } from './groupFixtures.js';
import { programmeProblems } from '../support/programmeProblems.js';

const base = {
  id: 'p',
  name: 'P',
  timezone: 'Europe/London',
  linkWorkers: [{ id: 'sam', name: 'Sam', phone: '+447700900101' }],
  checkIn: { instruments: ['ucla3'] },
};

describe('programme groups', () => {
  it("keeps a programme's group directory, validated", () => {
    const programme = parseProgramme({ ...base, groups: [groupInput(), groupInput({ id: 'choir', name: 'Choir' })] }, 'test');
    expect(programme.groups.map((g) => [g.id, g.status])).to.deep.equal([
      ['walk', 'running'],
      ['choir', 'running'],
    ]);
  });

  it('lists every problem in a group by its path, and refuses a duplicate id', () => {
    const found = programmeProblems({
      ...base,
      groups: [groupInput({ schedule: { kind: 'weekly', day: 'wednesday', time: '25:00' } }), groupInput(), groupInput()],
    });
    expect(found).to.include('programme.groups[0].schedule.time: expected HH:mm, got 25:00');
    expect(found).to.include('programme.groups[2].id: duplicate group id "walk"');
  });
});
