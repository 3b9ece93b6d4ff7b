CREATE TABLE `import_items` (
	`task_code` text NOT NULL,
	`declaration_date` text NOT NULL,
	`item_seq` integer NOT NULL,
	`record` text NOT NULL,
	`status` text NOT NULL,
	`item_code` text,
	`fetched_at` text NOT NULL,
	`decided_at` text,
	`decided_by` integer,
	`job_id` integer,
	PRIMARY KEY(`task_code`, `declaration_date`, `item_seq`),
	FOREIGN KEY (`item_code`) REFERENCES `items`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`job_id`) REFERENCES `kra_jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `kra_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`endpoint` text NOT NULL,
	`subject` text NOT NULL,
	`payload` text NOT NULL,
	`numbering` text,
	`number` integer,
	`after_sale_id` integer,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`after_sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kra_jobs_state` ON `kra_jobs` (`state`,`id`);--> statement-breakpoint
CREATE TABLE `purchases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`supplier_tin` text NOT NULL,
	`supplier_branch_id` text,
	`supplier_name` text,
	`supplier_invoice_no` integer NOT NULL,
	`supplier_sdc_id` text,
	`record` text NOT NULL,
	`state` text NOT NULL,
	`fetched_at` text NOT NULL,
	`decided_at` text,
	`decided_by` integer,
	`job_id` integer,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`job_id`) REFERENCES `kra_jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchases_supplier_invoice` ON `purchases` (`supplier_tin`,`supplier_sdc_id`,`supplier_invoice_no`);--> statement-breakpoint
CREATE TABLE `stock_moves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occurred_at` text NOT NULL,
	`item_code` text NOT NULL,
	`quantity` integer NOT NULL,
	`io_type` text NOT NULL,
	`reason_code` text,
	`note` text,
	`sale_id` integer,
	`purchase_id` integer,
	`user_id` integer,
	`job_id` integer,
	FOREIGN KEY (`item_code`) REFERENCES `items`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`purchase_id`) REFERENCES `purchases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`job_id`) REFERENCES `kra_jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_moves_item` ON `stock_moves` (`item_code`,`id`);--> statement-breakpoint
ALTER TABLE `items` ADD `item_type` text DEFAULT '2' NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `origin_country` text DEFAULT 'KE' NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `kra_error` text;--> statement-breakpoint
ALTER TABLE `items` ADD `stock` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `kra_stock` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `updated_at` text;--> statement-breakpoint
UPDATE `items` SET `item_type` = substr(`code`, 3, 1), `origin_country` = substr(`code`, 1, 2) WHERE substr(`code`, 3, 1) IN ('1', '2', '3');
