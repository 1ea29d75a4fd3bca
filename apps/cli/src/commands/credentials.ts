import type { IssuedToken } from '@scimkit/schema';
import type { CommandContext } from '../context.ts';
import { formatTime } from '../output/format.ts';

/**
 * The two values Entra's Admin Credentials ask for, labelled as Entra labels them, each on
 * its own line so that a double-click selects exactly the value.
 */
export function printCredentials(
  ctx: CommandContext,
  tenantUrl: string,
  issued: IssuedToken,
  note?: string,
): void {
  const { bold, dim, yellow } = ctx.colors;
  ctx.out(
    `Paste these into Entra ID → Enterprise applications → your app → Provisioning → Admin Credentials:\n\n` +
      `  ${bold('Tenant URL')}    ${tenantUrl}\n` +
      `  ${bold('Secret Token')}  ${issued.secret}\n\n` +
      `${yellow('The Secret Token is shown only this once.')} ` +
      `${issued.token.expiresAt === undefined ? 'It does not expire.' : `It expires ${formatTime(issued.token.expiresAt)}.`}\n` +
      dim(`Token id ${issued.token.id} (for scimkit token revoke/rotate).\n`),
  );
  if (note !== undefined) ctx.note(`${ctx.errorColors.yellow(note)}\n`);
}
