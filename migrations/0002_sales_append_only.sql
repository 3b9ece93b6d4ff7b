-- Sales are append-only: corrections are credit notes, never edits. The sync worker may fill the
-- KRA signature columns once; nothing else about a sale, its lines or its tenders ever changes.
CREATE TRIGGER sales_never_deleted BEFORE DELETE ON sales
BEGIN SELECT RAISE(ABORT, 'sales are append-only: issue a credit note instead'); END;
--> statement-breakpoint
CREATE TRIGGER sales_content_never_changes BEFORE UPDATE ON sales
WHEN NEW.id IS NOT OLD.id OR NEW.receipt_no IS NOT OLD.receipt_no OR NEW.kind IS NOT OLD.kind
  OR NEW.original_sale_id IS NOT OLD.original_sale_id OR NEW.refund_reason IS NOT OLD.refund_reason
  OR NEW.committed_at IS NOT OLD.committed_at OR NEW.cashier_id IS NOT OLD.cashier_id
  OR NEW.customer_tin IS NOT OLD.customer_tin OR NEW.customer_name IS NOT OLD.customer_name
  OR NEW.total IS NOT OLD.total OR NEW.taxable_total IS NOT OLD.taxable_total OR NEW.tax_total IS NOT OLD.tax_total
  OR NEW.change_given IS NOT OLD.change_given OR NEW.payload IS NOT OLD.payload
  OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
BEGIN SELECT RAISE(ABORT, 'a sale is never edited: issue a credit note instead'); END;
--> statement-breakpoint
CREATE TRIGGER sales_signed_once BEFORE UPDATE ON sales
WHEN OLD.rcpt_sign IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a sale''s KRA signature is written once'); END;
--> statement-breakpoint
CREATE TRIGGER sale_lines_never_change BEFORE UPDATE ON sale_lines
BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER sale_lines_never_deleted BEFORE DELETE ON sale_lines
BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER tenders_never_change BEFORE UPDATE ON tenders
BEGIN SELECT RAISE(ABORT, 'tenders are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER tenders_never_deleted BEFORE DELETE ON tenders
BEGIN SELECT RAISE(ABORT, 'tenders are append-only'); END;
