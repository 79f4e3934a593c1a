/** R1.1: the four Partner Center roles that give access to benefits. A person may hold several. */
export const ROLES = ['globalAdmin', 'userAdmin', 'adminAgent', 'mpnPartnerAdmin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
