import { expect } from 'chai';
import { ConfigError } from '../../bot/config/formatIssues.js';
import { parseProgramme } from '../../bot/config/programmeSchema.js';
import { groupInput } from './groupFixtures.js';

const base = { id: 'p', name: 'P', timezone: 'Europe/London', linkWorkers: [{ id: 'sam', name: 'Sam', phone: '+447700900101' }], checkIn: { instruments: ['ucla3'] } };

function problems(data: unknown): readonly string[] {
  try {
    parseProgramme(data, 'test');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('programme groups', () => {
  it("keeps a programme's group directory, validated", () => {
    const programme = parseProgramme({ ...base, groups: [groupInput(), groupInput({ id: 'choir', name: 'Choir' })] }, 'test');
    expect(programme.groups.map((g) => [g.id, g.status])).to.deep.equal([['walk', 'running'], ['choir', 'running']]);
  });

  it('lists every problem in a group by its path, and refuses a duplicate id', () => {
    const found = problems({ ...base, groups: [groupInput({ schedule: { kind: 'weekly', day: 'wednesday', time: '25:00' } }), groupInput(), groupInput()] });
    expect(found).to.include('programme.groups[0].schedule.time: expected HH:mm, got 25:00');
    expect(found).to.include('programme.groups[2].id: duplicate group id "walk"');
  });
});
