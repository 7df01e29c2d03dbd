// "登录台账": a one-time link to the web 台账, only in a private chat (a link in a group could be
// clicked by anyone there first), only for admins and bound unit staff.
import type { SignInIssuer } from '../sign-in.ts';
import { webAccess } from '../roles.ts';
import { signInText } from '../../texts/chat.ts';
import { type Answer, type AnswerContext, say } from './context.ts';

export function answerSignIn(ctx: AnswerContext, issuer: SignInIssuer | undefined): Answer {
  if (!issuer) return say('sign-in', signInText.webOff);
  if (ctx.chatType !== 'private') return say('sign-in', signInText.privateOnly);
  if (!webAccess(ctx.person, ctx.admins, ctx.data.bindings)) return say('denied', signInText.denied);
  const link = issuer.issue(ctx.person, ctx.now);
  const minutes = Math.round((link.expiresAt.getTime() - ctx.now.getTime()) / 60_000);
  return say('sign-in', signInText.link(link.url, minutes));
}
