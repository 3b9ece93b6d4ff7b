CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`next` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`environment` text NOT NULL,
	`tin` text NOT NULL,
	`branch_id` text NOT NULL,
	`serial_no` text NOT NULL,
	`sdc_id` text NOT NULL,
	`mrc_no` text NOT NULL,
	`device_id` text NOT NULL,
	`cmc_key` text NOT NULL,
	`taxpayer_name` text NOT NULL,
	`branch_name` text NOT NULL,
	`initialised_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_environment_unique` ON `devices` (`environment`);--> statement-breakpoint
CREATE TABLE `holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`held_at` text NOT NULL,
	`cashier_id` integer NOT NULL,
	`label` text NOT NULL,
	`cart` text NOT NULL,
	FOREIGN KEY (`cashier_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `items` (
	`code` text PRIMARY KEY NOT NULL,
	`class_code` text NOT NULL,
	`name` text NOT NULL,
	`barcode` text,
	`packaging_unit` text NOT NULL,
	`quantity_unit` text NOT NULL,
	`tax_class` text NOT NULL,
	`unit_price` integer NOT NULL,
	`registered` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_barcode_unique` ON `items` (`barcode`);--> statement-breakpoint
CREATE TABLE `kra_exchanges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`endpoint` text NOT NULL,
	`request` text NOT NULL,
	`http_status` integer,
	`response` text,
	`result_cd` text,
	`outcome` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`sale_id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`invc_no` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_state` ON `outbox` (`state`,`sale_id`);--> statement-breakpoint
CREATE TABLE `print_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`sale_id` integer,
	`kind` text NOT NULL,
	`printer` text NOT NULL,
	`document` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`printed_at` text,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sale_lines` (
	`sale_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`original_seq` integer,
	`item_code` text NOT NULL,
	`name` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`discount` integer NOT NULL,
	`total` integer NOT NULL,
	`tax_class` text NOT NULL,
	`rate` integer NOT NULL,
	`taxable` integer NOT NULL,
	`tax` integer NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sale_lines_seq` ON `sale_lines` (`sale_id`,`seq`);--> statement-breakpoint
CREATE TABLE `sales` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`receipt_no` integer NOT NULL,
	`kind` text NOT NULL,
	`original_sale_id` integer,
	`refund_reason` text,
	`committed_at` text NOT NULL,
	`cashier_id` integer NOT NULL,
	`customer_tin` text,
	`customer_name` text,
	`total` integer NOT NULL,
	`taxable_total` integer NOT NULL,
	`tax_total` integer NOT NULL,
	`change_given` integer NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`invc_no` integer,
	`cur_rcpt_no` integer,
	`tot_rcpt_no` integer,
	`intrl_data` text,
	`rcpt_sign` text,
	`sdc_date_time` text,
	`signed_at` text,
	FOREIGN KEY (`cashier_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_receipt_no_unique` ON `sales` (`receipt_no`);--> statement-breakpoint
CREATE TABLE `tenders` (
	`sale_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`reference` text,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenders_seq` ON `tenders` (`sale_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `tenders_mpesa_reference` ON `tenders` (`kind`,`reference`);