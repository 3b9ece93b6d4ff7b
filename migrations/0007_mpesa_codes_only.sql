DROP INDEX `tenders_mpesa_reference`;--> statement-breakpoint
CREATE UNIQUE INDEX `tenders_mpesa_reference` ON `tenders` (`kind`,`reference`) WHERE "tenders"."kind" = 'mpesa';