/**
 * The ledger's tables. Money is integer cents, quantities integer hundredths, instants ISO-8601 UTC.
 * `npm run db:generate` turns changes here into SQL under migrations/.
 */
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    role: text('role', { enum: ['cashier', 'supervisor', 'manager', 'installer'] }).notNull(),
    pinHash: text('pin_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_pin_hash').on(t.pinHash)],
);

/** Who did what, when: logins, manager overrides, settings changes. Append-only. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  userId: integer('user_id').references(() => users.id),
  action: text('action').notNull(),
  detail: text('detail', { mode: 'json' }).notNull().default(sql`'{}'`),
});
