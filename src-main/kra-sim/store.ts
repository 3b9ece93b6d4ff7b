/**
 * KRA's state as named collections of JSON records, held in memory and, when a state file is given,
 * written through to SQLite in one transaction per request, so a restart (or a SIGKILL) keeps every
 * answer the simulator gave.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, openSync } from 'node:fs';

interface Disk {
  put(kind: string, key: string, value: unknown): void;
  remove(kind: string, key: string): void;
  clear(): void;
  load(): { kind: string; key: string; value: string }[];
  transaction<T>(fn: () => T): T;
  close(): void;
}

function openDisk(file: string): Disk {
  // Created owner-only: in demo mode it sits in the till's data folder; SQLite's -wal and -shm copy its mode.
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table if not exists records (kind text not null, key text not null, value text not null, primary key (kind, key)) without rowid');
  const put = db.prepare('insert into records (kind, key, value) values (?, ?, ?) on conflict (kind, key) do update set value = excluded.value');
  const remove = db.prepare('delete from records where kind = ? and key = ?');
  return {
    put: (kind, key, value) => put.run(kind, key, JSON.stringify(value)),
    remove: (kind, key) => remove.run(kind, key),
    clear: () => db.exec('delete from records'),
    load: () => db.prepare('select kind, key, value from records').all() as { kind: string; key: string; value: string }[],
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}

export class Collection<T> {
  private readonly records = new Map<string, T>();

  constructor(
    private readonly kind: string,
    private readonly disk: Disk | null,
  ) {}

  get(key: string): T | undefined {
    return this.records.get(key);
  }

  put(key: string, value: T): T {
    this.records.set(key, value);
    this.disk?.put(this.kind, key, value);
    return value;
  }

  delete(key: string): void {
    this.records.delete(key);
    this.disk?.remove(this.kind, key);
  }

  values(): T[] {
    return [...this.records.values()];
  }

  /** Fills memory from disk at start-up. */
  load(key: string, value: T): void {
    this.records.set(key, value);
  }

  forget(): void {
    this.records.clear();
  }
}

export class Store {
  private readonly collections = new Map<string, Collection<unknown>>();
  private readonly disk: Disk | null;

  constructor(file: string | null) {
    this.disk = file ? openDisk(file) : null;
  }

  collection<T>(kind: string): Collection<T> {
    let found = this.collections.get(kind);
    if (!found) {
      found = new Collection<unknown>(kind, this.disk);
      this.collections.set(kind, found);
    }
    return found as Collection<T>;
  }

  /** Loads what the state file holds; false when it holds nothing yet. */
  load(): boolean {
    const rows = this.disk?.load() ?? [];
    for (const row of rows) this.collection(row.kind).load(row.key, JSON.parse(row.value));
    return rows.length > 0;
  }

  transaction<T>(fn: () => T): T {
    return this.disk ? this.disk.transaction(fn) : fn();
  }

  clear(): void {
    for (const collection of this.collections.values()) collection.forget();
    this.disk?.clear();
  }

  close(): void {
    this.disk?.close();
  }
}
