import { sections, useNavigationStore } from '../stores/navigation-store'

export function SideNavigation() {
  const { section, patient, go } = useNavigationStore()
  // A patient's page is over the section: no section is the page shown, and choosing one (even the same) leaves the patient.
  const current = patient === null ? section : null
  return (
    <nav className="side-nav" aria-label="Sections">
      <ul>
        {sections.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={item.id === current ? 'side-nav-item active' : 'side-nav-item'}
              aria-current={item.id === current ? 'page' : undefined}
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
