import { createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { summary } from '../helpers/fixtures'
import { renderApp } from '../helpers/render-app'

describe('start form', () => {
  it('adds typed paths with the button or Enter, and removes them', async () => {
    const { user } = renderApp()
    const box = screen.getByRole('textbox', { name: 'Source path' })
    await user.type(box, '/home/u/Photos/')
    await user.click(screen.getByRole('button', { name: 'Add source' }))
    await user.type(box, '/home/u/notes.txt{Enter}')
    const sources = screen.getByRole('region', { name: 'Sources' })
    const items = within(sources).getAllByRole('listitem')
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('/home/u/Photos'),
      expect.stringContaining('/home/u/notes.txt'),
    ])
    expect(box).toHaveValue('')
    await user.click(within(sources).getByRole('button', { name: 'Remove /home/u/Photos' }))
    expect(within(sources).getAllByRole('listitem')).toHaveLength(1)
  })

  it('turns a pasted list of paths into several sources, once each', async () => {
    const { user } = renderApp()
    const box = screen.getByRole('textbox', { name: 'Source path' })
    await user.click(box)
    await user.paste('/a\n"/b c"\nfile:///d%20e\n/a')
    const items = within(screen.getByRole('region', { name: 'Sources' })).getAllByRole('listitem')
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('/a'),
      expect.stringContaining('/b c'),
      expect.stringContaining('/d e'),
    ])
  })

  it('marks a typed path where nothing exists', async () => {
    const { user, ferry } = renderApp()
    vi.mocked(ferry.list).mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } })
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/nope{Enter}')
    expect(ferry.list).toHaveBeenCalledWith('/nope')
    expect(await screen.findByText(/Not found/)).toBeInTheDocument()
  })

  it('says what is missing before sending anything', async () => {
    const { user, ferry } = renderApp()
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Add at least one file or folder')
    expect(screen.getByRole('textbox', { name: 'Source path' })).toHaveFocus()

    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src{Enter}')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a destination folder.')
    const destination = screen.getByRole('textbox', { name: 'Destination folder' })
    expect(destination).toHaveFocus()
    expect(destination).toHaveAttribute('aria-invalid', 'true')

    await user.type(destination, 'relative/dir')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(screen.getByRole('alert')).toHaveTextContent('is not a full path')

    await user.clear(destination)
    await user.type(destination, '/dst')
    await user.type(screen.getByRole('spinbutton', { name: 'Threads' }), '0')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Threads must be a whole number')
    expect(ferry.start).not.toHaveBeenCalled()
  })

  it('"Move instead of copy" asks the engine to move (off by default)', async () => {
    const { user, ferry } = renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
    const move = screen.getByRole('checkbox', { name: 'Move instead of copy' })
    expect(move).not.toBeChecked()
    await user.click(move)
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(ferry.start).toHaveBeenCalledExactlyOnceWith({
      sources: ['/src/a'],
      destination: '/dst',
      intoDestination: true,
      onConflict: 'skip',
      verify: false,
      move: true,
    })
  })

  it('starts with the chosen options into the destination folder, keeping the sources until the copy finishes', async () => {
    const { user, ferry, emit } = renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
    await user.selectOptions(screen.getByRole('combobox', { name: 'If a file exists' }), 'Ask me')
    await user.click(screen.getByRole('checkbox', { name: 'Verify after copy' }))
    await user.type(screen.getByRole('spinbutton', { name: 'Threads' }), '3')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(ferry.start).toHaveBeenCalledExactlyOnceWith({
      sources: ['/src/a'],
      destination: '/dst',
      intoDestination: true,
      onConflict: 'ask',
      verify: true,
      threads: 3,
    })
    emit({ type: 'started', jobId: 'job-1', options: { sources: ['/src/a'], destination: '/dst' } })
    const sourceRows = () =>
      within(screen.getByRole('region', { name: 'Sources' })).queryAllByRole('listitem')
    expect(screen.getByRole('region', { name: 'Job progress' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Start copy' })).toBeDisabled()
    expect(sourceRows()).toHaveLength(1)
    emit({ type: 'finished', summary: summary({ filesDone: 1, filesTotal: 1 }) })
    await waitFor(() => expect(sourceRows()).toHaveLength(0))
  })

  it('keeps the sources after Cancel, so the copy can be started again', async () => {
    const { user, emit } = renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    emit({ type: 'started', jobId: 'job-1', options: { sources: ['/src/a'], destination: '/dst' } })
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await screen.findByText('Copy cancelled')
    expect(within(screen.getByRole('region', { name: 'Sources' })).getAllByRole('listitem')).toHaveLength(1)
    expect(screen.getByRole('button', { name: 'Start copy' })).toBeEnabled()
  })

  it('says where each source will land before anything starts: inside the destination folder', async () => {
    const { user } = renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/home/u/photos{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/home/u/report.pdf{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/mnt/backup/')
    const landing = screen.getByRole('list', { name: 'Will be copied to:' })
    expect(
      within(landing)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['/mnt/backup/photos', '/mnt/backup/report.pdf'])
  })

  it('says a typed relative path is not a full path, without asking the shell', async () => {
    const { user, ferry } = renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), 'docs{Enter}')
    expect(await screen.findByText(/Not a full path/)).toBeInTheDocument()
    expect(ferry.list).not.toHaveBeenCalledWith('docs')
    expect(screen.queryByText(/Invalid fs:list request/)).not.toBeInTheDocument()
  })

  it('offers the five conflict policies with their labels', () => {
    renderApp()
    const options = within(screen.getByRole('combobox', { name: 'If a file exists' })).getAllByRole('option')
    expect(options.map((o) => [(o as HTMLOptionElement).value, o.textContent])).toEqual([
      ['skip', 'Skip'],
      ['overwrite', 'Replace'],
      ['rename', 'Keep both'],
      ['newer', 'Replace if newer'],
      ['ask', 'Ask me'],
    ])
  })

  it('shows a refused start as an alert with the engine message and keeps the sources', async () => {
    const { user, ferry } = renderApp()
    vi.mocked(ferry.start).mockResolvedValueOnce({
      ok: false,
      error: { code: 'COPY_INTO_ITSELF', message: 'Cannot copy a folder into itself: /src → /src/inner' },
    })
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/src/inner')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot copy a folder into itself')
    expect(within(screen.getByRole('region', { name: 'Sources' })).getAllByRole('listitem')).toHaveLength(1)
    expect(screen.getByRole('button', { name: 'Start copy' })).toBeEnabled()
  })

  it('uses the native picker in Electron', async () => {
    const { user, ferry } = renderApp('electron')
    vi.mocked(ferry.pick).mockResolvedValueOnce({ ok: true, value: ['/home/u/A', '/home/u/B'] })
    await user.click(screen.getByRole('button', { name: 'Add folder…' }))
    expect(ferry.pick).toHaveBeenCalledWith(expect.objectContaining({ kind: 'folder', multiple: true }))
    expect(await screen.findByRole('button', { name: 'Remove /home/u/B' })).toBeInTheDocument()

    vi.mocked(ferry.pick).mockResolvedValueOnce({ ok: true, value: ['/mnt/usb'] })
    await user.click(screen.getByRole('button', { name: 'Choose destination…' }))
    expect(ferry.pick).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'folder', multiple: false }))
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Destination folder' })).toHaveValue('/mnt/usb'),
    )
  })
})

describe('drop zone', () => {
  const drop = (target: HTMLElement, files: File[], uriList = ''): void => {
    fireEvent.drop(target, {
      dataTransfer: {
        files,
        items: [],
        types: ['Files'],
        getData: (type: string) => (type === 'text/uri-list' ? uriList : ''),
      },
    })
  }

  it('takes a drop anywhere in the window, not only on the source list, and never lets the browser open it', async () => {
    const { ferry } = renderApp('web')
    vi.mocked(ferry.pathForFile).mockImplementation((file) => `/dropped/${file.name}`)
    const elsewhere = screen.getByRole('heading', { name: 'Nothing is being copied' })
    const event = createEvent.drop(elsewhere, {
      dataTransfer: { files: [new File(['x'], 'far.txt')], items: [], types: ['Files'], getData: () => '' },
    })
    fireEvent(elsewhere, event)
    expect(event.defaultPrevented).toBe(true)
    expect(await screen.findByRole('button', { name: 'Remove /dropped/far.txt' })).toBeInTheDocument()
  })

  it('adds every dropped item through ferry.pathForFile', async () => {
    const { ferry } = renderApp()
    vi.mocked(ferry.pathForFile).mockImplementation((file) => `/dropped/${file.name}`)
    const zone = screen.getByRole('region', { name: 'Sources' })
    drop(zone, [new File(['x'], 'one.txt'), new File([''], 'Folder')])
    expect(await screen.findByRole('button', { name: 'Remove /dropped/one.txt' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Remove /dropped/Folder' })).toBeInTheDocument()
  })

  it('explains that a browser hides dropped paths when pathForFile cannot tell', async () => {
    renderApp('web')
    drop(screen.getByRole('region', { name: 'Sources' }), [new File(['x'], 'a.txt')])
    expect(await screen.findByText(/browser hides where dropped files come from/)).toBeInTheDocument()
    expect(screen.getByText(/type or paste full paths/i)).toBeInTheDocument()
  })

  it('reads file URLs a file manager put into the drag', async () => {
    renderApp('web')
    drop(
      screen.getByRole('region', { name: 'Sources' }),
      [new File(['x'], 'a.txt')],
      'file:///home/u/a.txt\r\n',
    )
    expect(await screen.findByRole('button', { name: 'Remove /home/u/a.txt' })).toBeInTheDocument()
    expect(screen.queryByText(/browser hides/)).not.toBeInTheDocument()
  })
})

describe('folder browser (web shell)', () => {
  it('walks folders through ferry.list and adds the chosen one', async () => {
    const { user, ferry } = renderApp('web')
    vi.mocked(ferry.list).mockImplementation((path) =>
      Promise.resolve({
        ok: true,
        value:
          path === '/home/u/Work'
            ? { path: '/home/u/Work', parent: '/home/u', entries: [] }
            : {
                path: '/home/u',
                parent: '/home',
                entries: [
                  { name: 'Work', path: '/home/u/Work', kind: 'directory' },
                  { name: 'todo.txt', path: '/home/u/todo.txt', kind: 'file' },
                ],
              },
      }),
    )
    await user.click(screen.getByRole('button', { name: 'Add folder…' }))
    expect(ferry.pick).not.toHaveBeenCalled()
    const dialog = await screen.findByRole('dialog', { name: 'Browse folders' })
    // Files are shown but cannot be chosen as folders.
    expect(within(dialog).queryByRole('button', { name: 'todo.txt' })).not.toBeInTheDocument()
    await user.click(await within(dialog).findByRole('button', { name: 'Work' }))
    expect(ferry.list).toHaveBeenLastCalledWith('/home/u/Work')
    await within(dialog).findByText('This folder is empty.')
    await user.click(within(dialog).getByRole('button', { name: 'Choose this folder' }))
    expect(screen.queryByRole('dialog', { name: 'Browse folders' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Remove /home/u/Work' })).toBeInTheDocument()
  })

  it('selects several files in files mode', async () => {
    const { user, ferry } = renderApp('web')
    vi.mocked(ferry.list).mockResolvedValue({
      ok: true,
      value: {
        path: '/home/u',
        parent: '/home',
        entries: [
          { name: 'a.txt', path: '/home/u/a.txt', kind: 'file' },
          { name: 'b.txt', path: '/home/u/b.txt', kind: 'file' },
        ],
      },
    })
    await user.click(screen.getByRole('button', { name: 'Add files…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Browse folders' })
    await user.click(await within(dialog).findByRole('button', { name: 'a.txt' }))
    await user.click(within(dialog).getByRole('button', { name: 'b.txt' }))
    expect(within(dialog).getByRole('button', { name: 'a.txt' })).toHaveAttribute('aria-pressed', 'true')
    await user.click(within(dialog).getByRole('button', { name: 'Add 2 selected files' }))
    expect(screen.getByRole('button', { name: 'Remove /home/u/a.txt' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Remove /home/u/b.txt' })).toBeInTheDocument()
  })

  it('chooses the destination the same way', async () => {
    const { user } = renderApp('web')
    await user.click(screen.getByRole('button', { name: 'Choose destination…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Browse folders' })
    await within(dialog).findByText('/home/u')
    await user.click(within(dialog).getByRole('button', { name: 'Choose this folder' }))
    expect(screen.getByRole('textbox', { name: 'Destination folder' })).toHaveValue('/home/u')
  })
})
