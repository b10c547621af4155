import { sections, useNavigationStore } from '../stores/navigation-store'

export function SideNavigation() {
  const { section, go } = useNavigationStore()
  return (
    <nav className="side-nav" aria-label="Sections">
      <ul>
        {sections.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={item.id === section ? 'side-nav-item active' : 'side-nav-item'}
              aria-current={item.id === section ? 'page' : undefined}
              onClick={() => go(item.id)}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
