import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvError, parseCsv } from '../../../src-main/catalog/csv';
import { shillingsToCents } from '../../../src-main/catalog/item-import';

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

function refusal(text: string): CsvError {
  try {
    parseCsv(text);
  } catch (error) {
    assert.ok(error instanceof CsvError, `expected a CsvError, got ${String(error)}`);
    return error;
  }
  assert.fail('the text should be refused');
}

describe('CSV as spreadsheets save it', () => {
  it('splits rows on LF, CRLF or CR and fields on commas, keeping empty fields', () => {
    assert.deepEqual(fieldsOf('a,b,c\n1,,3\r\nx,y,\rlast,row,here'), [
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['x', 'y', ''],
      ['last', 'row', 'here'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks inside', () => {
    assert.deepEqual(fieldsOf('name,note\r\n"Nails, 5"" steel","say ""hi""\r\nthen go"\r\n""," "\r\n'), [
      ['name', 'note'],
      ['Nails, 5" steel', 'say "hi"\r\nthen go'],
      ['', ' '],
    ]);
  });

  it('drops a UTF-8 byte order mark so the first column keeps its name', () => {
    const [header] = parseCsv('\uFEFFname,price\nSugar,150\n');
    assert.deepEqual(header?.fields, ['name', 'price']);
  });

  it('numbers rows as a spreadsheet does: blank rows skipped but counted, a multi-line field is one row', () => {
    const records = parseCsv('h1,h2\n"two\nlines",x\n\nafter,blank\n');
    assert.deepEqual(records.map((r) => r.row), [1, 2, 4]);
    assert.deepEqual(records[2]?.fields, ['after', 'blank']);
  });

  it('reads nothing from an empty text and ignores the final line break', () => {
    assert.deepEqual(fieldsOf(''), []);
    assert.deepEqual(fieldsOf('a,b\r\n'), [['a', 'b']]);
    assert.deepEqual(fieldsOf('a,b,'), [['a', 'b', '']]);
  });

  it('refuses a quote that never closes, naming the row where it opened', () => {
    const error = refusal('name\nok\n"never closed,\nmore\n');
    assert.equal(error.row, 3);
    assert.match(error.message, /never closes/);
  });

  it('refuses a bare quote inside an unquoted field and text after a closing quote, saying how to quote', () => {
    assert.match(refusal('a,b\n5" nails,x\n').message, /double quotes.*""/);
    assert.equal(refusal('a,b\n5" nails,x\n').row, 2);
    assert.match(refusal('a,b\n"5" nails,x\n').message, /text follows a closing double quote/);
  });
});

describe('prices in a CSV', () => {
  it('reads shillings with up to two decimals and thousands commas as whole cents', () => {
    assert.equal(shillingsToCents('150.00'), 15000);
    assert.equal(shillingsToCents('150'), 15000);
    assert.equal(shillingsToCents('0.5'), 50);
    assert.equal(shillingsToCents('1,250.50'), 125050);
    assert.equal(shillingsToCents(' KES 80 '), 8000);
  });

  it('refuses what is not a price in shillings', () => {
    for (const text of ['', 'abc', '1.005', '1,25', '-5', '12,3456', '150.00 KES']) assert.equal(shillingsToCents(text), null, text);
  });
});
