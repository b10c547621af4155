import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { initialiseTransport } from './api/transport'
import { App } from './app'
import './styles/nhsuk.scss'
import './styles/app.css'
import './styles/print.css'

// Take the browser-mode token out of the address bar before anything renders.
initialiseTransport()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
