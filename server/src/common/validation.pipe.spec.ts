import { Type } from 'class-transformer';
import { IsArray, ValidateNested } from 'class-validator';
import { ApiException } from './api-exception';
import { IsPlainObject, IsText } from './input-rules';
import { createValidationPipe } from './validation.pipe';

class ItemDto {
  @IsText({ label: '名称', min: 1, max: 10 })
  name: string;
}

class ListDto {
  @IsPlainObject({ message: '孩子信息应为对象 {…}' })
  @ValidateNested()
  @Type(() => ItemDto)
  child: ItemDto;

  @IsArray({ message: '应为列表' })
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items: ItemDto[];
}

async function errorsOf(body: unknown): Promise<Record<string, string> | undefined> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: ListDto });
  } catch (error) {
    return (error as ApiException).errors;
  }
  return undefined;
}

describe('validation pipe', () => {
  it('answers a list of numbers where objects are listed in Chinese, naming the element', async () => {
    const errors = await errorsOf({ child: { name: '小明' }, items: [5] });

    expect(errors).toEqual({ 'items.0': '应为对象 {…}' });
  });

  it('names only the field of an array where an object belongs, not its elements', async () => {
    const errors = await errorsOf({ child: [5e-324], items: [] });

    expect(errors).toEqual({ child: '孩子信息应为对象 {…}' });
  });

  it('still names the fields of a nested object of the right type', async () => {
    const errors = await errorsOf({ child: { name: '' }, items: [{ name: 1 }] });

    expect(Object.keys(errors ?? {}).sort()).toEqual(['child.name', 'items.0.name']);
  });
});
