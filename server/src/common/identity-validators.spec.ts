import 'reflect-metadata';
import { getMetadataStorage, validate } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
// Loading the application module loads every controller and so every DTO.
import '../app.module';
import { IS_ID_NUMBER, IS_PHONE } from './identity-validators';

/** Field names that hold a phone number or a 身份证号, in any DTO present or future. */
const KINDS = [
  {
    constraint: IS_PHONE,
    field: /phone|mobile/i,
    known: [
      'CreateUnitDto.dutyPhone',
      'ReportChildDto.guardianPhone',
      'ReportReporterDto.phone',
      'UpdateUnitDto.dutyPhone',
    ],
    typed: [
      '13912345678',
      '+86 139-1234-5678',
      '0086 13912345678',
      '(0551) 6512-3456',
      '＋８６１３９１２３４５６７８',
    ],
    refused: ['1391234567', '139abc12345678', '+1 415 555 2671', ''],
  },
  {
    constraint: IS_ID_NUMBER,
    field: /idNumber|idCard/i,
    known: ['ReportChildDto.idNumber'],
    typed: [
      '34132420150301017X',
      '34132420150301017x',
      '341324 20150301 017Ｘ',
      '３４１３２４２０１５０３０１００１４',
    ],
    refused: ['341324201503010015', '34132420150301001X', '3413242015030101', '991324201503010015'],
  },
];

/** Every DTO field the application validates, read from class-validator's own registry. */
function validatedFields(): { target: new () => object; property: string; names: string[] }[] {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<new () => object, ValidationMetadata[]>;
  };
  return [...storage.validationMetadatas].flatMap(([target, metadatas]) =>
    [...new Set(metadatas.map((m) => m.propertyName))].map((property) => ({
      target,
      property,
      names: metadatas.filter((m) => m.propertyName === property).map((m) => m.name ?? ''),
    })),
  );
}

async function refuses(target: new () => object, property: string, value: string) {
  const errors = await validate(Object.assign(new target(), { [property]: value }));
  return errors.some((e) => e.property === property);
}

describe('identity fields of every DTO', () => {
  const fields = validatedFields();

  for (const kind of KINDS) {
    const matching = fields.filter((f) => kind.field.test(f.property));

    it(`finds the ${kind.constraint} fields of today’s forms, and any added later`, () => {
      expect(matching.map((f) => `${f.target.name}.${f.property}`)).toEqual(
        expect.arrayContaining(kind.known),
      );
    });

    for (const { target, property, names } of matching) {
      describe(`${target.name}.${property}`, () => {
        it(`is checked by the shared rule (${kind.constraint})`, () => {
          expect(names).toContain(kind.constraint);
        });

        it.each(kind.typed)('accepts %s as typed', async (value) => {
          expect(await refuses(target, property, value)).toBe(false);
        });

        it.each(kind.refused)('refuses %s', async (value) => {
          expect(await refuses(target, property, value)).toBe(true);
        });
      });
    }
  }
});
