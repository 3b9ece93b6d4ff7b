import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScanDetector, withoutScan } from '../../../src-renderer/till/scanner';

/** Types `text` starting at `from` ms, `gap` ms apart, and presses Enter `gap` ms after the last key. */
function type(detector: ScanDetector, text: string, from: number, gap: number): string | null {
  let at = from;
  for (const char of text) {
    detector.key(char, at);
    at += gap;
  }
  return detector.enter(at);
}

describe('telling a barcode scanner from a person', () => {
  it('takes a burst of keys a few milliseconds apart ending in Enter as a scan', () => {
    assert.equal(type(new ScanDetector(), '6161100110031', 1000, 4), '6161100110031');
  });

  it('leaves a person typing the same digits to the search box', () => {
    assert.equal(type(new ScanDetector(), '6161100110031', 1000, 140), null);
  });

  it('ignores short bursts, and a burst whose Enter comes after a pause', () => {
    assert.equal(type(new ScanDetector(), '123', 0, 3), null);
    const detector = new ScanDetector();
    for (const [i, char] of [...'6161100110031'].entries()) detector.key(char, i * 3);
    assert.equal(detector.enter(13 * 3 + 500), null);
  });

  it('starts afresh after a pause, so a person\'s earlier keys do not spoil the scan', () => {
    const detector = new ScanDetector();
    detector.key('m', 0);
    detector.key('i', 150);
    assert.equal(type(detector, 'KE2BGNO0000001', 400, 5), 'KE2BGNO0000001');
  });

  it('says when a key starts a new burst', () => {
    const detector = new ScanDetector();
    assert.equal(detector.key('a', 0), true);
    assert.equal(detector.key('b', 5), false);
    assert.equal(detector.key('c', 500), true);
  });
});

describe('taking a scan back out of the field it landed in', () => {
  it('leaves what the person had typed before the scan', () => {
    assert.equal(withoutScan('mai6161100110031', '6161100110031'), 'mai');
    assert.equal(withoutScan('6161100110031', '6161100110031'), '');
  });

  it('takes off only the part typed since the till cleared the field mid-scan', () => {
    assert.equal(withoutScan('0110031', '6161100110031'), '');
  });

  it('keeps digits the person typed that happen to start the code', () => {
    assert.equal(withoutScan('616161100110031', '6161100110031'), '61');
  });

  it('changes nothing when none of the scan landed there', () => {
    assert.equal(withoutScan('maize', '6161100110031'), 'maize');
  });
});
