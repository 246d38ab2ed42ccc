import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ArrayMaxSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AppError } from '../errors/app-error';
import { createValidationPipe, MAX_INPUT_ARRAY_ITEMS, MAX_VALIDATION_DETAILS } from './validation';

class Item {
  @IsString() @MaxLength(10) name!: string;
}
class Body {
  @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
}

const pipe = createValidationPipe();
const asBody = { type: 'body' as const, metatype: Body };

async function refusal(value: unknown): Promise<{ message: string; details: Array<{ path: string; code: string }> }> {
  try {
    await pipe.transform(value, asBody);
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.status, 400);
    return { message: err.message, details: err.details as Array<{ path: string; code: string }> };
  }
  assert.fail('the pipe accepted the value');
}

describe('the validation pipe bounds the work bad input costs', () => {
  it('a list where the DTO is an object is refused at once, with one detail', async () => {
    const r = await refusal(Array(70_000).fill({ name: 'x' }));
    assert.equal(r.message, 'Validation failed: the body must be a JSON object, not a list');
    assert.deepEqual(
      r.details.map((d) => d.code),
      ['isObject'],
    );
  });

  it('a nested list longer than any ArrayMaxSize is refused by the ceiling, naming its path', async () => {
    const r = await refusal({ items: Array(MAX_INPUT_ARRAY_ITEMS + 1).fill({ name: 'x' }) });
    assert.equal(r.message, `Validation failed: items has ${MAX_INPUT_ARRAY_ITEMS + 1} items; at most ${MAX_INPUT_ARRAY_ITEMS} are accepted`);
    assert.deepEqual(r.details, [{ path: 'items', code: 'arrayMaxSize', message: `items has ${MAX_INPUT_ARRAY_ITEMS + 1} items; at most ${MAX_INPUT_ARRAY_ITEMS} are accepted` }]);
  });

  it('under the ceiling the DTO decides (ArrayMaxSize 1000), and a refusal lists at most the detail cap', async () => {
    const r = await refusal({ items: Array(5_000).fill({ name: 'far too long a name' }) });
    assert.ok(r.details.some((d) => d.code === 'arrayMaxSize' && d.path === 'items'));
    assert.equal(r.details.length, MAX_VALIDATION_DETAILS);
  });

  it('a valid body passes and becomes the DTO', async () => {
    const out = (await pipe.transform({ items: [{ name: 'ok' }] }, asBody)) as Body;
    assert.ok(out instanceof Body);
    assert.equal(out.items[0].name, 'ok');
  });
});
