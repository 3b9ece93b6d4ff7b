CREATE TABLE `branches` (
	`tin` text NOT NULL,
	`branch_id` text NOT NULL,
	`name` text,
	`open` integer,
	`county` text,
	`sub_county` text,
	`locality` text,
	`location` text,
	`manager` text,
	`manager_phone` text,
	`manager_email` text,
	`head_office` integer,
	PRIMARY KEY(`tin`, `branch_id`)
);
--> statement-breakpoint
CREATE TABLE `code_classes` (
	`class_code` text PRIMARY KEY NOT NULL,
	`name` text,
	`description` text,
	`in_use` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `codes` (
	`class_code` text NOT NULL,
	`code` text NOT NULL,
	`name` text,
	`description` text,
	`in_use` integer NOT NULL,
	`sort_order` integer,
	`user_defined_1` text,
	`user_defined_2` text,
	`user_defined_3` text,
	PRIMARY KEY(`class_code`, `code`)
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`customer_no` text PRIMARY KEY NOT NULL,
	`tin` text NOT NULL,
	`name` text NOT NULL,
	`address` text,
	`phone` text,
	`email` text,
	`remark` text,
	`sent_to_kra` integer NOT NULL,
	`last_error` text,
	`saved_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_tin_unique` ON `customers` (`tin`);--> statement-breakpoint
CREATE TABLE `item_classes` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text,
	`level` integer,
	`tax_class` text,
	`major` integer,
	`in_use` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `master_data_watermarks` (
	`environment` text NOT NULL,
	`tin` text NOT NULL,
	`branch_id` text NOT NULL,
	`list` text NOT NULL,
	`last_req_dt` text NOT NULL,
	`synced_at` text NOT NULL,
	PRIMARY KEY(`environment`, `tin`, `branch_id`, `list`)
);
--> statement-breakpoint
CREATE TABLE `notices` (
	`notice_no` integer PRIMARY KEY NOT NULL,
	`title` text,
	`content` text,
	`url` text,
	`registered_by` text,
	`registered_at` text
);
