// The client-authenticated POST of a token action (refresh, revocation, introspection), built the
// one way main builds them (main/client-auth/authenticated-post.ts) with the action's keys. An
// assertion that cannot be made is the action's error, in words, before anything is sent.
import { ApiError } from '../../shared/errors';
import type { KeyValueRow } from '../../shared/settings';
import { buildAuthenticatedPost } from '../client-auth/authenticated-post';
import { AssertionUnavailable } from '../client-auth/client-assertion';
import type { ActionContext } from './action-context';
import { fromClientPost, type ActionRequest } from './http-step';

export interface ActionPostInput {
  url: string;
  params: [string, string][];
  extraParams?: KeyValueRow[];
  origin?: string;
}

export async function clientActionPost(ctx: ActionContext, input: ActionPostInput): Promise<ActionRequest> {
  const { settings } = ctx;
  try {
    const request = await buildAuthenticatedPost({ ...input, clientId: settings.clientId, clientSecret: ctx.clientSecret }, { settings, keys: ctx.keys ?? {}, now: ctx.http.now() });
    return fromClientPost(request, settings.clientId);
  } catch (err) {
    if (err instanceof AssertionUnavailable) throw new ApiError('invalid_settings', `Not sent: ${err.message}`);
    throw err;
  }
}
