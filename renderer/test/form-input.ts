// Filling the flow form in component tests the way a user does it.
import { screen } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';

export type User = ReturnType<typeof userEvent.setup>;

/** Puts text in a field the way a user pastes it: one input event (typing long URLs key by key is slow in jsdom). */
export async function pasteInto(user: User, label: string, text: string) {
  await user.click(screen.getByLabelText(label));
  await user.paste(text);
}

/** The fields a flow cannot start without: Auth URL, Access Token URL and Client ID. */
export async function fillRequired(user: User) {
  await pasteInto(user, 'Auth URL', 'https://idp.example/authorize');
  await pasteInto(user, 'Access Token URL', 'https://idp.example/token');
  await pasteInto(user, 'Client ID', 'my-client');
}
