import { ROW_HEIGHT, SEQUENCE_HEIGHT, axisName, barBands, chartHeight } from './chart-layout';

describe('chartHeight', () => {
  it('gives each named bar a row, and a sequence a fixed height', () => {
    expect(chartHeight(7, true) - chartHeight(6, true)).toBe(ROW_HEIGHT);
    expect(chartHeight(1, true)).toBe(chartHeight(2, true));
    expect(chartHeight(31, false)).toBe(SEQUENCE_HEIGHT);
  });
});

describe('axisName', () => {
  it.each([
    ['泗县公安局', '泗县公安局'],
    ['泗城镇儿童督导站', '泗城镇儿童督导站'],
    ['泗县公安局墩集派出所', '泗县公安局墩集…'],
  ])('writes %s as %s', (name, written) => {
    expect(axisName(name)).toBe(written);
  });
});

describe('barBands', () => {
  const plot = { left: 100, top: 10, width: 200, height: 120 };

  it('gives each named bar its whole row, first on top', () => {
    expect(barBands(plot, 3, true, 330)).toEqual([
      { left: 0, top: 10, width: 330, height: 40 },
      { left: 0, top: 50, width: 330, height: 40 },
      { left: 0, top: 90, width: 330, height: 40 },
    ]);
  });

  it('gives each bar of a sequence its column, first on the left', () => {
    expect(barBands(plot, 4, false, 330)).toEqual([
      { left: 100, top: 10, width: 50, height: 120 },
      { left: 150, top: 10, width: 50, height: 120 },
      { left: 200, top: 10, width: 50, height: 120 },
      { left: 250, top: 10, width: 50, height: 120 },
    ]);
  });
});
