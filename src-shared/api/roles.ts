export const ROLES = ['cashier', 'supervisor', 'manager', 'installer'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call a method: anyone, or a user holding the role (or one that includes it). */
export type Access = 'public' | Role;

const INCLUDES: Record<Role, readonly Role[]> = {
  cashier: ['cashier'],
  supervisor: ['supervisor', 'cashier'],
  manager: ['manager', 'supervisor', 'cashier'],
  installer: ['installer'],
};

export function roleAllows(held: Role, required: Role): boolean {
  return INCLUDES[held].includes(required);
}
