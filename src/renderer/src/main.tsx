import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ferry } from './api'
import { App } from './components/App'
import './index.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App ferry={ferry} />
  </StrictMode>,
)
