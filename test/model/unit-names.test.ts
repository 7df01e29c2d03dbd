// Unit names: kinds and collectives, level prefixes, alias keys, and OCR repair within one document.
import { describe, expect, it } from 'vitest';
import { collectiveScope, repairOcrNames, unitKey, unitKind, withLevelPrefix } from '../../src/model/unit-names.ts';

describe('unit names', () => {
  it.each([
    ['商务和投资促进局', '冠县', '县商务和投资促进局'],
    ['党政办公室（宣传）', '济宁高新区', '区党政办公室（宣传）'],
    ['县民政局', '汶上县', '县民政局'],
    ['微山经济开发区管委会', '微山县', '微山经济开发区管委会'],
    ['市生态环境局汶上县分局', '汶上县', '市生态环境局汶上县分局'],
    ['各街道', '济宁高新区', '各街道'],
    ['清泉街道', '冠县', '清泉街道'],
    ['人民银行潍坊市中心支行', '潍坊市', '人民银行潍坊市中心支行'],
    ['国网汶上县供电公司', '冠县', '国网汶上县供电公司'],
    ['农业银行', '冠县', '农业银行'],
    ['经开区', '冠县', '经开区'],
    ['经开区管委会', '荆门市', '经开区管委会'],
    ['城市管理局', '冠县', '县城市管理局'],
    ['数字城市运行中心', '冠县', '县数字城市运行中心'],
    ['农贸市场服务中心', '冠县', '县农贸市场服务中心'],
    ['市民服务中心', '荆门市', '市民服务中心'],
    ['政务服务中心', '荆门市', '市政务服务中心'],
  ])('withLevelPrefix(%s, %s) = %s', (name, region, expected) => {
    expect(withLevelPrefix(name, region)).toBe(expected);
  });

  it.each([
    ['民政局', '县民政局'],
    ['人社局', '县人力资源和社会保障局'],
    ['县人力资源社会保障局', '县人力资源和社会保障局'],
    ['医保局', '县医疗保障局'],
    ['县医保局', '县医疗保障局'],
    ['发改局', '县发展和改革局'],
    ['县发展改革局', '县发展和改革局'],
    ['住建局', '县住房和城乡建设局'],
    ['区住房城乡建设局', '县住房和城乡建设局'],
    ['教体局', '县教育和体育局'],
    ['审批局', '县行政审批服务局'],
    ['区审批服务局', '县行政审批服务局'],
    ['市场监管局', '县市场监督管理局'],
    ['卫健局', '县卫生健康局'],
    ['退役军人局', '县退役军人事务局'],
    ['环保局', '市生态环境局汶上县分局'],
    ['税务局', '国家税务总局冠县税务局'],
  ])('%s and %s are one unit', (a, b) => {
    expect(unitKey(a)).toBe(unitKey(b));
  });

  it.each([
    ['县民政局', '县财政局'],
    ['县水务局', '县水利局'],
    ['县商务局', '县商务和投资促进局'],
  ])('%s and %s are different units', (a, b) => {
    expect(unitKey(a)).not.toBe(unitKey(b));
  });

  it.each([
    ['县政府各部门、单位', 'collective', 'departments'],
    ['区直有关部门、单位', 'collective', 'departments'],
    ['各驻区单位', 'collective', 'departments'],
    ['各乡镇（街道）', 'collective', 'towns'],
    ['各镇〈街〉', 'collective', 'towns'],
    ['各街道', 'collective', 'towns'],
    ['县民政局', 'department', null],
    ['清泉街道', 'town', null],
    ['东古城镇', 'town', null],
    ['微山经济开发区管委会', 'zone', null],
    ['经开区', 'zone', null],
    ['高新技术产业示范区', 'zone', null],
  ])('%s is a %s', (name, kind, scope) => {
    expect(unitKind(name)).toBe(kind);
    expect(collectiveScope(name)).toBe(scope);
  });
});

describe('repairOcrNames', () => {
  it('repairs damaged names to a name the same document uses more often, at the same level', () => {
    const names = ['区财政金融局', '区财政金融局', '区以政政金融局', '区地政金融局', '区城乡建设和交通局', '区城乡建设和交通局', '区城乡建设和交通局', '区城乡建设和交通局', '区域乡建设和交通局（交通）', '区域乡建设和交通局（交通）'];
    const repairs = repairOcrNames(names);
    expect(repairs.get('区以政政金融局')).toBe('区财政金融局');
    expect(repairs.get('区地政金融局')).toBe('区财政金融局');
    expect(repairs.get('区域乡建设和交通局（交通）')).toBe('区城乡建设和交通局（交通）');
  });

  it('never repairs across levels, nor short or well-known names', () => {
    const repairs = repairOcrNames(['县财政金融局', '县财政金融局', '区地政金融局', '县民政局', '县财政局', '县财政局', '县水利局', '县水务局', '县水务局']);
    expect(repairs.size).toBe(0);
  });
});
