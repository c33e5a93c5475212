/** Renders the whole window over a fake `window.ferry`, with helpers to drive a job. */
import { act, render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ShellKind } from '../../../src/shared/ipc'
import type { JobEvent } from '../../../src/shared/job'
import { App } from '../../../src/renderer/src/components/App'
import { createFakeFerry } from './fake-ferry'
import { options, started } from './fixtures'

export function renderApp(shell: ShellKind = 'electron') {
  const ferry = createFakeFerry(shell)
  const user = userEvent.setup()
  const view = render(<App ferry={ferry} />)
  const emit = (...events: JobEvent[]): void =>
    act(() => {
      for (const event of events) ferry.emit(event)
    })
  return { ferry, user, emit, ...view }
}

/** Renders the window with a job already running (as if Start had been pressed and the engine said `started`). */
export function renderRunningApp(shell: ShellKind = 'electron') {
  const app = renderApp(shell)
  app.emit(started('job-1', options))
  return app
}
