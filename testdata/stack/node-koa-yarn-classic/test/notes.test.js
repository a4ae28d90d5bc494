const assert = require('assert')
describe('notes', () => { it('lists', () => assert.ok(true)) })
