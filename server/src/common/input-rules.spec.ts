import 'reflect-metadata';
import { validate } from 'class-validator';
import { IsLatitudeDegrees, IsLongitudeDegrees } from './input-rules';

class Position {
  @IsLatitudeDegrees()
  latitude!: unknown;

  @IsLongitudeDegrees()
  longitude!: unknown;
}

async function problems(latitude: unknown, longitude: unknown): Promise<Record<string, string[]>> {
  const position = Object.assign(new Position(), { latitude, longitude });
  const errors = await validate(position);
  return Object.fromEntries(
    errors.map((error) => [error.property, Object.values(error.constraints ?? {})]),
  );
}

describe('position in degrees', () => {
  it.each([
    [33.48, 117.88],
    [-90, -180],
    [90, 180],
  ])('takes latitude %d and longitude %d', async (latitude, longitude) => {
    expect(await problems(latitude, longitude)).toEqual({});
  });

  it.each([
    [90.01, 0, { latitude: ['纬度不正确'] }],
    [0, -180.01, { longitude: ['经度不正确'] }],
    ['33.4', 117, { latitude: expect.arrayContaining(['纬度应为数字']) }],
    [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      {
        latitude: expect.arrayContaining(['纬度应为数字']),
        longitude: expect.arrayContaining(['经度应为数字']),
      },
    ],
  ])('refuses latitude %p and longitude %p in words', async (latitude, longitude, expected) => {
    expect(await problems(latitude, longitude)).toEqual(expected);
  });
});
