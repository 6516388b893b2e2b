/** Every page's frame: language, skip link, header with the signed-in user, navigation, main. */
import { may, type Action } from '../access.js';
import { html, type Fragment, type Html } from '../html.js';
import type { Words } from '../i18n.js';
import type { User } from '../user.js';

export interface PageContext {
  w: Words;
  user: User | undefined;
  csrf: string;
  /** The path of the page, for the language switch and the navigation's current item. */
  path: string;
}

const NAV: Array<{ href: string; key: 'caseload' | 'open' | 'report' | 'erasures' | 'audit'; action: Action[] }> = [
  { href: '/', key: 'caseload', action: ['caseload'] },
  { href: '/programmes/new', key: 'open', action: ['open'] },
  { href: '/report', key: 'report', action: ['report'] },
  { href: '/erasure', key: 'erasures', action: ['requestErasure', 'decideErasure'] },
  { href: '/audit', key: 'audit', action: ['readAudit'] },
];

export function page(ctx: PageContext, title: string, body: Fragment): Html {
  const { w, user } = ctx;
  const other = w.lang === 'da' ? 'en' : 'da';
  return html`<!doctype html>
<html lang="${w.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${w.m.appName}</title>
<link rel="stylesheet" href="/dkfds/css/dkfds.min.css">
<link rel="stylesheet" href="/assets/desk.css">
</head>
<body>
<a class="skipnav" href="#main">${w.m.skipToContent}</a>
<header class="desk-header">
<div class="container">
<p class="desk-title">${w.m.appName}</p>
<div>
<form class="desk-inline" method="post" action="/language">
<input type="hidden" name="_csrf" value="${ctx.csrf}">
<input type="hidden" name="lang" value="${other}">
<input type="hidden" name="returnTo" value="${ctx.path}">
<button class="button button-unstyled desk-user" type="submit" lang="${other}">${w.m.otherLanguage}</button>
</form>
${user
  ? html` <span class="desk-user">${w.m.signedInAs} ${user.name} (${w.m.roles[user.role]})</span>
<form class="desk-inline" method="post" action="/logout"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button class="button button-secondary" type="submit">${w.m.signOut}</button></form>`
  : ''}
</div>
</div>
</header>
${user
  ? html`<nav class="desk-nav" aria-label="${w.m.appName}"><div class="container"><ul>${NAV.filter((n) => n.action.some((a) => may(user, a))).map(
      (n) => html`<li><a href="${n.href}"${ctx.path === n.href ? html` aria-current="page"` : ''}>${w.m.nav[n.key]}</a></li>`,
    )}</ul></div></nav>`
  : ''}
<main id="main" class="desk-main"><div class="container">
<h1>${title}</h1>
${body}
</div></main>
</body>
</html>`;
}

/** A message on its own page: not found, not in role, expired form, sign-in. */
export function messagePage(ctx: PageContext, title: string, text: string, extra: Fragment = ''): Html {
  return page(ctx, title, html`<div class="alert alert-info" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>${extra}`);
}
