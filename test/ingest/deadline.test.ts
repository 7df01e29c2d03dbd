// Every deadline phrase that occurs in the seed documents, and the others the notices use.
import { describe, expect, it } from 'vitest';
import { findDates, findNoticeRule, parseDeadline } from '../../src/ingest/deadline.ts';

const y2022 = { year: 2022, issuedAt: '2022-06-18' };
const y2022NoDate = { year: 2022, issuedAt: null };

describe('parseDeadline: the deadline cell', () => {
  it.each([
    ['全年', { due: '2022-12-31', kind: 'year-round', ongoing: false, stated: true }],
    ['2022年底', { due: '2022-12-31', kind: 'dated', ongoing: false }],
    ['2022年10月底', { due: '2022-10-31', kind: 'dated' }],
    ['2022年6月底', { due: '2022-06-30', kind: 'dated' }],
    ['2022年5月底', { due: '2022-05-31', kind: 'dated' }],
    ['2022年7月底', { due: '2022-07-31', kind: 'dated' }],
    ['2023年1月底', { due: '2023-01-31', kind: 'dated' }],
    ['2022年10月底前完成，长期坚持', { due: '2022-10-31', kind: 'dated', ongoing: true }],
    ['2022年6月底前完成，长期坚持', { due: '2022-06-30', kind: 'dated', ongoing: true }],
    ['2022年7月底前完成，并长期坚持', { due: '2022-07-31', kind: 'dated', ongoing: true }],
    ['2022年底前完成，并长期坚持', { due: '2022-12-31', kind: 'dated', ongoing: true }],
    ['2023 年底前', { due: '2023-12-31', kind: 'dated', raw: '2023 年底前' }],
    ['2022年年底前', { due: '2022-12-31', kind: 'dated' }],
    ['6月15日前', { due: '2022-06-15', kind: 'dated' }],
    ['2022年6月18日', { due: '2022-06-18', kind: 'dated' }],
    ['9月份', { due: '2022-09-30', kind: 'dated' }],
    ['2022年上半年', { due: '2022-06-30', kind: 'dated' }],
    ['2022年第三季度', { due: '2022-09-30', kind: 'dated' }],
    ['2023年', { due: '2023-12-31', kind: 'dated' }],
    ['年内', { due: '2022-12-31', kind: 'dated' }],
    ['年底前', { due: '2022-12-31', kind: 'dated' }],
    ['定期更新', { due: '2022-12-31', kind: 'recurring', stated: false }],
    ['每年', { kind: 'recurring' }],
    ['每季度', { kind: 'recurring' }],
    ['按月', { kind: 'recurring' }],
    ['长期坚持', { due: '2022-12-31', kind: 'ongoing', ongoing: true }],
    ['持续推进', { kind: 'ongoing', ongoing: true }],
    ['本文件印发后30日内', { due: '2022-07-18', kind: 'dated' }],
    ['印发之日起10个工作日内', { due: '2022-07-01', kind: 'dated' }],
    ['２０２２年１２月底', { due: '2022-12-31', kind: 'dated' }],
  ])('%s', (cell, expected) => {
    const { deadline, warning } = parseDeadline(cell, '做好信息公开。', y2022);
    expect(deadline).toMatchObject({ raw: cell.replace(/\s+/g, ' '), source: 'cell', ...expected });
    expect(warning).toBeNull();
  });

  it('N个工作日内 after an event that has no date is not a deadline', () => {
    const { deadline } = parseDeadline('2023 年底前', '决策文件出台后的 10 个工作日内，决策承办单位要向社会详细公开意见征集情况。', { year: 2023, issuedAt: '2023-08-29' });
    expect(deadline).toMatchObject({ due: '2023-12-31', raw: '2023 年底前' });
  });

  it('warns about a deadline it cannot read, and keeps the task at the year end', () => {
    const { deadline, warning } = parseDeadline('视情况而定', '做好信息公开。', y2022);
    expect(deadline).toMatchObject({ kind: 'none', due: '2022-12-31', raw: '视情况而定', stated: false });
    expect(warning).toContain('视情况而定');
  });

  it('warns when 印发后 has no issue date to count from', () => {
    const { deadline, warning } = parseDeadline('本文件印发后30日内', '梳理形成工作台账。', y2022NoDate);
    expect(deadline.kind).toBe('none');
    expect(warning).toContain('印发日期');
  });

  it('an earlier date in the requirement is a milestone; the cell says when the task is complete', () => {
    const { deadline } = parseDeadline('2022年底', '6月底前县级各行业主管部门要出台相应的贯彻落实意见。', y2022);
    expect(deadline).toMatchObject({ due: '2022-12-31', source: 'cell', raw: '2022年底' });
    expect(deadline.milestones).toEqual([
      { date: '2022-06-30', text: '6月底前县级各行业主管部门要出台相应的贯彻落实意见' },
      { date: '2022-12-31', text: '2022年底' },
    ]);
  });
});

describe('parseDeadline: milestones', () => {
  type Row = [string, string | null, string, string, Array<[string, string]>];
  it.each<Row>([
    ['a plan, then completion', '7月底前提出方案，10月底前完成', '做好信息公开。', '2022-10-31', [['2022-07-31', '7月底前提出方案'], ['2022-10-31', '10月底前完成']]],
    ['two publications: the last completes', '2021年2月公布预算信息，2021年8月公布上年度决算信息', '积极推进部门所属单位预算、决算公开', '2021-08-31', [['2021-02-28', '2021年2月公布预算信息'], ['2021-08-31', '2021年8月公布上年度决算信息']]],
    ['completion worded before a later follow-up', '2022年9月底前全面完成，12月底前报送总结', '做好信息公开。', '2022-09-30', [['2022-09-30', '2022年9月底前全面完成'], ['2022-12-31', '12月底前报送总结']]],
    ['written out of order', '10月底前完成；7月底前提出方案', '做好信息公开。', '2022-10-31', [['2022-07-31', '7月底前提出方案'], ['2022-10-31', '10月底前完成']]],
    ['three stages, semicolons', '3月底前摸底；6月底前整改；9月底前验收完毕', '做好信息公开。', '2022-09-30', [['2022-03-31', '3月底前摸底'], ['2022-06-30', '6月底前整改'], ['2022-09-30', '9月底前验收完毕']]],
    ['two dates in one clause', '2022年3月、9月', '做好信息公开。', '2022-09-30', [['2022-03-31', '2022年3月'], ['2022-09-30', '9月']]],
    ['stages only in the requirement', null, '7月底前制定方案，11月底前全部完成整改。', '2022-11-30', [['2022-07-31', '7月底前制定方案'], ['2022-11-30', '11月底前全部完成整改']]],
    ['the document year, a stage next year', '2022年12月底前完成试点，2023年6月底前全面推开', '做好信息公开。', '2023-06-30', [['2022-12-31', '2022年12月底前完成试点'], ['2023-06-30', '2023年6月底前全面推开']]],
  ])('%s: %s', (_name, cell, requirement, due, stages) => {
    const { deadline } = parseDeadline(cell, requirement, y2022);
    expect(deadline).toMatchObject({ due, kind: 'dated' });
    expect(deadline.milestones).toEqual(stages.map(([date, text]) => ({ date, text })));
  });

  it.each([
    ['one date', '2022年6月底前完成，长期坚持'],
    ['a period is one stage ending at its end', '2022年1月至6月'],
    ['a period with a dash', '2022年3月—2022年12月'],
    ['the same date twice', '2022年6月底前完成自查，2022年6月底前公开'],
    ['no date at all', '全年'],
  ])('no milestones: %s', (_name, cell) => {
    const { deadline } = parseDeadline(cell, '做好信息公开。', y2022);
    expect(deadline.milestones).toEqual([]);
  });

  it('a period ends on its later date', () => {
    expect(parseDeadline('2022年1月至6月', '', y2022).deadline.due).toBe('2022-06-30');
  });
});

describe('parseDeadline: no deadline cell', () => {
  it.each([
    ['7月底前公布规范性文件制发主体清单', { year: 2019, issuedAt: null }, '2019-07-31', '7月底前'],
    ['加快县政府门户网站集约化建设，2019年年底前全面完成试点任务。', { year: 2019, issuedAt: null }, '2019-12-31', '2019年年底前'],
    ['2022年9月底前, 在政府网站建立专栏', y2022, '2022-09-30', '2022年9月底前'],
    ['2022年年底以前以村为单位通过村务公开栏公开', y2022, '2022-12-31', '2022年年底以前'],
    ['本文件印发后30日内，各镇（街）、各部门要梳理形成工作台账', y2022, '2022-07-18', '本文件印发后30日内'],
    ['年底前以村为单位通过村务公开栏公开', y2022, '2022-12-31', '年底前'],
  ])('inline: %s', (requirement, ctx, due, raw) => {
    const { deadline } = parseDeadline(null, requirement, ctx);
    expect(deadline).toMatchObject({ due, raw, kind: 'dated', stated: true, source: 'inline' });
  });

  it.each([
    '2023 年邀请公众代表列席政府常务会议不少于 10 次',
    '各级各部门年内组织政务公开通识培训不少于1次',
    '按月公开县管企业主要经济效益指标',
    '持续推进每季度向社会公开饮用水水源水质',
    '做好2022年重点任务承诺事项公开工作',
  ])('not a deadline: %s', (requirement) => {
    expect(findDates(requirement, y2022, 'inline')).toEqual([]);
    expect(parseDeadline(null, requirement, y2022).deadline).toMatchObject({ due: '2022-12-31', kind: 'none', source: 'period', stated: false });
  });

  it('the notice rule binds every task without a deadline of its own', () => {
    const notice = '各部门、单位要对照任务分解表,梳理 形成本单位工作台账,实时跟进推动,所有工作任务于12月底 前完成,并将落实情况纳入年度报告。';
    const rule = findNoticeRule(notice, { year: 2024, issuedAt: '2024-06-03' });
    expect(rule?.due).toBe('2024-12-31');
    const { deadline } = parseDeadline(null, '围绕推动大规模设备更新和消费品以旧换新,做好相关政策的宣传引导。', { year: 2024, issuedAt: '2024-06-03', noticeRule: rule });
    expect(deadline).toMatchObject({ due: '2024-12-31', kind: 'dated', stated: false, source: 'notice' });
  });

  it('a notice telling units to publish their own plans is not a rule for every task', () => {
    expect(findNoticeRule('以部门正式文件予以印发，于6月15日前通过县政府门户网站向社会公开发布', { year: 2022, issuedAt: null })).toBeNull();
  });
});

describe('time zone', () => {
  it('parses the same whatever the machine TZ is (dates are calendar dates)', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(parseDeadline('2022年6月底', '', y2022).deadline.due).toBe('2022-06-30');
      expect(parseDeadline('印发之日起10个工作日内', '', y2022).deadline.due).toBe('2022-07-01');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('N个工作日内 on the Chinese calendar', () => {
  // 2022: 国庆 holidays 10-01…10-07, 10-08 and 10-09 (Sat, Sun) worked in lieu; 端午 on 06-03 (Fri).
  it.each([
    ['2022-09-28', '印发之日起5个工作日内', '2022-10-10'],
    ['2022-09-30', '印发之日起2个工作日内', '2022-10-09'],
    ['2022-06-01', '印发之日起3个工作日内', '2022-06-07'],
    ['2022-06-18', '印发之日起10个工作日内', '2022-07-01'],
  ])('issued %s, %s → %s', (issuedAt, cell, due) => {
    expect(parseDeadline(cell, '', { year: 2022, issuedAt }).deadline.due).toBe(due);
  });
});
