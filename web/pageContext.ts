/** What every page is rendered with: the words of her language, the user, a fresh CSRF token, the path. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, isLanguage, wordsFor } from './i18n.js';
import type { PageContext } from './views/layout.js';

export const SESSION_COOKIE = 'desk-session';
export const LANGUAGE_COOKIE = 'desk-lang';

/** The words, the user and a fresh CSRF token for rendering a page. */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const lang = request.cookies[LANGUAGE_COOKIE];
  return {
    w: wordsFor(isLanguage(lang) ? lang : DEFAULT_LANGUAGE),
    user: request.user,
    csrf: reply.generateCsrf(),
    path: request.url.split('?')[0] ?? '/',
  };
}
