export * from './model';
export { buildReceipt, classLabel, groupsOfFour, splitDateTime, CREDIT_NOTE_STATEMENT, DEMO_BANNER, PROVISIONAL_CREDIT_TITLE, PROVISIONAL_SALE_TITLE } from './build';
export { qrUrl, VERIFICATION_PATH } from './verification';
