import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nextIndex } from '../keyboard/list-focus';
import { hashFor, PAGES, shortcutFor } from '../navigation/routes';
import { useApp } from '../stores/context';
import { Icon } from './Icon';

/** Moves focus between the links with the arrow keys; Enter follows the focused link as usual. */
function onArrowKeys(e: KeyboardEvent<HTMLUListElement>) {
  const links = Array.from(e.currentTarget.querySelectorAll<HTMLAnchorElement>('a[href]'));
  const to = nextIndex(e.key, links.indexOf(document.activeElement as HTMLAnchorElement), links.length);
  if (to === null) return;
  e.preventDefault();
  links[to]?.focus();
}

/** The sidebar's page links: plain hash links, so mouse, Enter and Back all just work. */
export function NavList() {
  const { t } = useTranslation();
  const current = useApp((s) => s.page);
  return (
    <nav className="nav" aria-label={t('app.mainNavigation')}>
      <ul onKeyDown={onArrowKeys}>
        {PAGES.map((page) => {
          const label = t(`nav.${page}`);
          const shortcut = shortcutFor(page);
          return (
            <li key={page}>
              <a
                href={hashFor(page)}
                className="nav-item"
                aria-current={page === current ? 'page' : undefined}
                aria-keyshortcuts={shortcut}
                title={t('nav.tooltip', { page: label, shortcut })}
                data-testid={`nav-${page}`}
              >
                <Icon name={page} />
                <span className="nav-label">{label}</span>
                <kbd className="nav-kbd" aria-hidden="true">{shortcut}</kbd>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
