import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSignOut } from '@web/features/auth/api/auth';
import { focusHeadingSoon } from '@web/ui/pageFocus';
import { PageSuspense } from './lazyPage';

export function Layout() {
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const user = me.data;
  const { pathname } = useLocation();
  const first = useRef(true);
  // On phones the menu sits behind one button (a compact header); it closes on each navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  // After a navigation (not on the first load) focus goes to the new page's heading, so a screen
  // reader reads where one is and the keyboard starts from there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setMenuOpen(false);
    focusHeadingSoon();
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={menuOpen ? 'topbar topbar--open' : 'topbar'}>
        <Link to="/" className="brand">
          Action learning sets
        </Link>
        {user && (
          <button type="button" className="button button--on-dark button--small topbar__menu" aria-expanded={menuOpen} aria-controls="main-menu" onClick={() => setMenuOpen((open) => !open)}>
            Menu
          </button>
        )}
        {user && (
          <nav aria-label="Main" id="main-menu">
            <NavLink to="/" end>
              My sets
            </NavLink>
            <NavLink to="/learning-log">Learning log</NavLink>
            <NavLink to="/credentials" end>
              My credentials
            </NavLink>
            <NavLink to="/organisations">Organisations</NavLink>
            <NavLink to="/account" aria-label={`${user.displayName}: your account`}>
              {user.displayName}
            </NavLink>
            <button type="button" className="button button--on-dark" onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })}>
              Sign out
            </button>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <PageSuspense>
          <Outlet />
        </PageSuspense>
      </main>
    </>
  );
}
