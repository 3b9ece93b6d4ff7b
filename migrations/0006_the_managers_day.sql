CREATE TABLE `cash_moves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cash_moves_shift` ON `cash_moves` (`shift_id`);--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`till_id` text NOT NULL,
	`opened_at` text NOT NULL,
	`opened_by` integer NOT NULL,
	`float` integer NOT NULL,
	`open_after_sale_id` integer NOT NULL,
	`open_after_audit_id` integer NOT NULL,
	`closed_at` text,
	`closed_by` integer,
	`close_sale_id` integer,
	`close_audit_id` integer,
	`counted_pieces` text,
	`counted` integer,
	`expected` integer,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shifts_one_open` ON `shifts` (`till_id`) WHERE closed_at IS NULL;--> statement-breakpoint
CREATE TABLE `z_reports` (
	`number` integer PRIMARY KEY NOT NULL,
	`till_id` text NOT NULL,
	`business_date` text NOT NULL,
	`opened_at` text NOT NULL,
	`taken_at` text NOT NULL,
	`taken_by` integer NOT NULL,
	`last_sale_id` integer NOT NULL,
	`last_shift_id` integer NOT NULL,
	`last_audit_id` integer NOT NULL,
	`last_sale_hash` text NOT NULL,
	`figures` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`taken_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `z_reports_business_date_unique` ON `z_reports` (`business_date`);--> statement-breakpoint
-- A Z report is a fiscal record: numbered without gaps from 1, never edited, never deleted.
CREATE TRIGGER z_reports_numbered_without_gaps BEFORE INSERT ON z_reports
WHEN NEW.number IS NOT (SELECT COALESCE(MAX(number), 0) + 1 FROM z_reports)
BEGIN SELECT RAISE(ABORT, 'Z reports are numbered without gaps'); END;
--> statement-breakpoint
CREATE TRIGGER z_reports_never_change BEFORE UPDATE ON z_reports
BEGIN SELECT RAISE(ABORT, 'a Z report is never changed once taken'); END;
--> statement-breakpoint
CREATE TRIGGER z_reports_never_deleted BEFORE DELETE ON z_reports
BEGIN SELECT RAISE(ABORT, 'a Z report is never deleted'); END;
--> statement-breakpoint
-- A shift is closed once, with its count; what it opened with never changes.
CREATE TRIGGER shifts_closed_once BEFORE UPDATE ON shifts
WHEN OLD.closed_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.till_id IS NOT OLD.till_id
  OR NEW.opened_at IS NOT OLD.opened_at OR NEW.opened_by IS NOT OLD.opened_by OR NEW.float IS NOT OLD.float
  OR NEW.open_after_sale_id IS NOT OLD.open_after_sale_id OR NEW.open_after_audit_id IS NOT OLD.open_after_audit_id
BEGIN SELECT RAISE(ABORT, 'a shift is closed once and never changed after'); END;
--> statement-breakpoint
CREATE TRIGGER shifts_never_deleted BEFORE DELETE ON shifts
BEGIN SELECT RAISE(ABORT, 'shifts are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER cash_moves_never_change BEFORE UPDATE ON cash_moves
BEGIN SELECT RAISE(ABORT, 'cash moves are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER cash_moves_never_deleted BEFORE DELETE ON cash_moves
BEGIN SELECT RAISE(ABORT, 'cash moves are append-only'); END;
