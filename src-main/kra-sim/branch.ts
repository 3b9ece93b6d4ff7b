/** A branch's customers, users and insurers (spec 2.7 - 2.9): stored, answered with data null. */
import { branchKey, invalidParameter, ok, Rejection, type Call, type Reply } from './context';
import { AUDIT_FIELDS, isMissing, requireFields, textOf } from './validation';

function save(call: Call, collection: 'customers' | 'users' | 'insurances', keyField: string, fields: readonly string[]): Reply {
  const { body, config } = call;
  requireFields(body, [...fields, 'useYn', ...AUDIT_FIELDS], config.strict);
  if (body.useYn !== 'Y' && body.useYn !== 'N') throw invalidParameter('useYn', 'must be Y or N');
  const id = textOf(body[keyField]) ?? String(body[keyField]);
  call.state[collection].put(branchKey(call, id), { tin: call.caller.tin, bhfId: call.caller.bhfId, body, modifiedAt: call.now.getTime() });
  return ok();
}

export function saveBhfCustomer(call: Call): Reply {
  if (call.config.strict && isMissing(call.body.custTin, true)) throw new Rejection('910', 'custTin cannot be empty or Null');
  return save(call, 'customers', 'custNo', ['custNo', 'custTin', 'custNm']);
}

export function saveBhfUser(call: Call): Reply {
  return save(call, 'users', 'userId', ['userId', 'userNm', 'pwd']);
}

export function saveBhfInsurance(call: Call): Reply {
  return save(call, 'insurances', 'isrccCd', ['isrccCd', 'isrccNm', 'isrcRt']);
}
