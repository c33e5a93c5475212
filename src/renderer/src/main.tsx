import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'

function App(): React.JSX.Element {
  return <main className="p-6 text-lg">Ferry</main>
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
