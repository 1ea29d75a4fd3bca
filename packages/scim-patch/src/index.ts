/**
 * `@scimkit/patch`: the RFC 7644 §3.5.2 PATCH engine of scimkit, speaking Microsoft Entra ID's
 * dialect, with group membership deltas.
 */
export { applyPatch } from './apply-patch.ts';
export { readPatchRequest } from './read-patch-request.ts';
export { requiresMemberList } from './requires-member-list.ts';
export type {
  ApplyPatchOptions,
  IgnoredAttribute,
  IgnoredReason,
  MembershipDelta,
  PatchResult,
} from './types.ts';
