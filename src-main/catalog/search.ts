/**
 * The till's view of the catalogue, in memory: a cashier's every keystroke searches it, and a scanner's
 * every Enter looks an item up in it, so neither waits on SQLite. Rebuilt after the items table changes.
 */
import type { CatalogItem } from '../../src-shared/api';
import { catalogueRows, externalVersion, watchItemChanges, type CatalogueRow } from '../ledger/items';
import type { LedgerDb } from '../ledger/open';
import { stockReader } from '../stock/levels';
import { MEASURED_QUANTITY_UNITS } from '../../src-shared/etims/codes';

function toCatalogItem(row: CatalogueRow): CatalogItem {
  return {
    code: row.code,
    name: row.name,
    barcode: row.barcode,
    unitPrice: row.unitPrice,
    taxClass: row.taxClass,
    quantityUnit: row.quantityUnit,
    weighed: MEASURED_QUANTITY_UNITS.has(row.quantityUnit),
    registered: row.registered,
    stock: row.itemType === '3' ? null : row.stock,
  };
}

interface Entry {
  item: CatalogItem;
  /** Lower-case name. */
  name: string;
  /** " word word code barcode": a query word matches where " word" occurs. */
  haystack: string;
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const wordsOf = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function hasEveryWord(haystack: string, words: readonly string[]): boolean {
  for (const word of words) if (!haystack.includes(` ${word}`)) return false;
  return true;
}

/** The first position in `sorted` whose value is not below `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Every word of every entry, sorted, each with the entries it occurs in: the words starting with
 * what was typed are one run, and the rarest query word narrows the entries to check. The entry
 * lists sit end to end in one array (word i's from starts[i] to starts[i + 1]): a catalogue has about
 * as many words as items times three, and one small array each would cost more than the index.
 */
class WordIndex {
  private readonly words: string[];
  private readonly starts: Int32Array;
  private readonly postings: Int32Array;
  private readonly marks: Int32Array;
  private generation = 0;

  constructor(haystacks: readonly string[]) {
    const idOf = new Map<string, number>();
    const counts: number[] = [];
    const lastEntry: number[] = [];
    /** Pairs of (word id, entry), in entry order. */
    const occurrences: number[] = [];
    for (let entry = 0; entry < haystacks.length; entry++) {
      for (const word of haystacks[entry]!.split(' ')) {
        if (word === '') continue;
        let id = idOf.get(word);
        if (id === undefined) {
          id = counts.length;
          idOf.set(word, id);
          counts.push(0);
          lastEntry.push(-1);
        }
        if (lastEntry[id] === entry) continue;
        lastEntry[id] = entry;
        counts[id]! += 1;
        occurrences.push(id, entry);
      }
    }
    this.words = [...idOf.keys()].sort();
    const rank = new Int32Array(counts.length);
    this.words.forEach((word, i) => (rank[idOf.get(word)!] = i));
    this.starts = new Int32Array(this.words.length + 1);
    for (let id = 0; id < counts.length; id++) this.starts[rank[id]! + 1] = counts[id]!;
    for (let i = 0; i < this.words.length; i++) this.starts[i + 1]! += this.starts[i]!;
    const next = this.starts.slice(0, -1);
    this.postings = new Int32Array(occurrences.length / 2);
    for (let i = 0; i < occurrences.length; i += 2) this.postings[next[rank[occurrences[i]!]!]!++] = occurrences[i + 1]!;
    this.marks = new Int32Array(haystacks.length);
  }

  /**
   * The entries to check, in entry order: those with a word starting with the rarest of
   * `prefixes`; 'all' when every prefix is so common that checking every entry is as quick.
   */
  narrow(prefixes: readonly string[]): Int32Array | 'all' {
    const ranges = prefixes.map((prefix): [number, number] => [lowerBound(this.words, prefix), lowerBound(this.words, `${prefix}\uffff`)]);
    const rarest = ranges.reduce((best, range) => (this.weight(range) < this.weight(best) ? range : best));
    if (this.weight(rarest) > this.marks.length / 8) return 'all';
    this.generation += 1;
    const candidates: number[] = [];
    for (let i = this.starts[rarest[0]]!; i < this.starts[rarest[1]]!; i++) {
      const entry = this.postings[i]!;
      if (this.marks[entry] === this.generation) continue;
      this.marks[entry] = this.generation;
      candidates.push(entry);
    }
    return Int32Array.from(candidates).sort();
  }

  private weight([from, to]: [number, number]): number {
    return this.starts[to]! - this.starts[from]!;
  }
}

export class CatalogIndex {
  /** Sorted by name, so names starting with the query are one contiguous run. */
  private entries: Entry[] = [];
  private names: string[] = [];
  private words = new WordIndex([]);
  private byCode = new Map<string, Entry>();
  private byBarcode = new Map<string, Entry>();
  private stale = true;
  private seenVersion: number | null = null;

  /**
   * `version` changes when something this index is not told about may have changed the items;
   * `stockOf` reads an item's stock as it is now (every sale moves it, so the index does not keep it).
   */
  constructor(
    private readonly load: () => CatalogueRow[],
    private readonly version: () => number = () => 0,
    private readonly stockOf?: (code: string) => number | undefined,
  ) {}

  /** The items table changed: rebuild before the next read. */
  invalidate(): void {
    this.stale = true;
  }

  /** An exact barcode or item code, as a scanner or a cashier types it. */
  lookup(code: string): CatalogItem | undefined {
    return this.live(this.exact(code)?.item);
  }

  /** By item code only. */
  item(code: string): CatalogItem | undefined {
    this.refresh();
    return this.live(this.byCode.get(code.toUpperCase())?.item);
  }

  /**
   * Exact code or barcode first, then names that start with the query, then names, codes and
   * barcodes in which every word of the query starts a word.
   */
  search(query: string, limit: number): CatalogItem[] {
    this.refresh();
    const text = normalise(query);
    if (text === '') return [];
    const found: Entry[] = [];
    const take = (entry: Entry) => {
      if (found.length < limit && !found.includes(entry)) found.push(entry);
    };
    const exact = this.exact(text);
    if (exact) take(exact);
    for (let i = lowerBound(this.names, text); i < this.entries.length && found.length < limit; i++) {
      const entry = this.entries[i]!;
      if (!entry.name.startsWith(text)) break;
      take(entry);
    }
    const plain = wordsOf(text);
    const words = plain === '' ? [] : plain.split(' ');
    if (words.length === 0 || found.length >= limit) return found.map((entry) => this.live(entry.item));
    const candidates = this.words.narrow(words);
    const count = candidates === 'all' ? this.entries.length : candidates.length;
    for (let i = 0; i < count && found.length < limit; i++) {
      const entry = this.entries[candidates === 'all' ? i : candidates[i]!]!;
      if (hasEveryWord(entry.haystack, words)) take(entry);
    }
    return found.map((entry) => this.live(entry.item));
  }

  /** What a scanner cannot reach: items without a barcode and items sold by weight, by name. */
  quickKeys(limit: number): CatalogItem[] {
    this.refresh();
    const keys: CatalogItem[] = [];
    for (const { item } of this.entries) {
      if (keys.length >= limit) break;
      if (item.barcode === null || item.weighed) keys.push(this.live(item));
    }
    return keys;
  }

  private live<T extends CatalogItem | undefined>(item: T): T {
    if (!item || item.stock === null || !this.stockOf) return item;
    return { ...item, stock: this.stockOf(item.code) ?? item.stock };
  }

  private exact(code: string): Entry | undefined {
    this.refresh();
    const key = code.trim().toUpperCase();
    return this.byCode.get(key) ?? this.byBarcode.get(key);
  }

  private refresh(): void {
    const version = this.version();
    if (!this.stale && version === this.seenVersion) return;
    this.stale = false;
    this.seenVersion = version;
    const entries = this.load().map((row): Entry => {
      const item = toCatalogItem(row);
      const name = normalise(item.name);
      return { item, name, haystack: ` ${wordsOf(name)} ${item.code.toLowerCase()} ${item.barcode ?? ''}` };
    });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.entries = entries;
    this.names = entries.map((entry) => entry.name);
    this.words = new WordIndex(entries.map((entry) => entry.haystack));
    this.byCode = new Map();
    this.byBarcode = new Map();
    for (const entry of entries) {
      this.byCode.set(entry.item.code.toUpperCase(), entry);
      if (entry.item.barcode) this.byBarcode.set(entry.item.barcode.toUpperCase(), entry);
    }
  }
}

/** The index over the ledger's items, kept fresh by the table's change triggers. One per ledger. */
export function catalogIndexOf(db: LedgerDb): CatalogIndex {
  const index = new CatalogIndex(() => catalogueRows(db), () => externalVersion(db), stockReader(db));
  watchItemChanges(db, () => index.invalidate());
  return index;
}
