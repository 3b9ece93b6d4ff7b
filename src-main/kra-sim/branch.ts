/** A branch's customers, users and insurers (spec 2.7 - 2.9): stored, answered with data null. */
import { branchKey, changedSince, invalidParameter, listed, ok, Rejection, type Call, type Reply } from './context';
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

/** The customers this branch saved, newest last (the gateway's /selectCustomerList, spec 13.1); lastReqDt optional. */
export function selectCustomerList(call: Call): Reply {
  const since = call.body.lastReqDt === undefined ? () => true : changedSince(call);
  const custList = call.state.customers
    .values()
    .filter((c) => c.tin === call.caller.tin && c.bhfId === call.caller.bhfId && since(c.modifiedAt))
    .sort((a, b) => a.modifiedAt - b.modifiedAt)
    .map(({ body }) => {
      const field = (name: string) => (body[name] === undefined ? null : body[name]);
      const names = ['custNo', 'custTin', 'custNm', 'adrs', 'telNo', 'email', 'faxNo', 'useYn', 'remark', 'regrId', 'regrNm', 'modrId', 'modrNm'];
      return Object.fromEntries(names.map((name) => [name, field(name)]));
    });
  return listed('custList', custList);
}

export function saveBhfUser(call: Call): Reply {
  return save(call, 'users', 'userId', ['userId', 'userNm', 'pwd']);
}

export function saveBhfInsurance(call: Call): Reply {
  return save(call, 'insurances', 'isrccCd', ['isrccCd', 'isrccNm', 'isrcRt']);
}
