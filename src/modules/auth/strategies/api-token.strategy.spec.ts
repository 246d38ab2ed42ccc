import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiTokenOf } from './api-token.strategy';

const TOKEN = `outpost_0b8e4f4e-7d2a-4c1e-9f7a-3b2c1d0e9f8a_${'a'.repeat(43)}`;

describe('apiTokenOf: which credential ApiTokenStrategy takes', () => {
  it('takes an API token as Bearer or x-api-key; Authorization wins over x-api-key, as in the guard', () => {
    assert.equal(apiTokenOf({ authorization: `Bearer ${TOKEN}` }), TOKEN);
    assert.equal(apiTokenOf({ authorization: `  bearer   ${TOKEN} ` }), TOKEN);
    assert.equal(apiTokenOf({ 'x-api-key': TOKEN }), TOKEN);
    assert.equal(apiTokenOf({ authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x', 'x-api-key': TOKEN }), undefined);
  });

  it('takes nothing that is not shaped like an API token: JWTs, refresh, agent and registration tokens, other schemes', () => {
    for (const value of ['eyJhbGciOiJIUzI1NiJ9.e30.x', 'outpost_rt_abc', 'outpost_agent_abc', 'outpost_reg_abc', '']) {
      assert.equal(apiTokenOf({ authorization: `Bearer ${value}` }), undefined, value);
      assert.equal(apiTokenOf({ 'x-api-key': value }), undefined, value);
    }
    assert.equal(apiTokenOf({ authorization: `Basic ${TOKEN}` }), undefined);
    assert.equal(apiTokenOf({}), undefined);
  });
});
