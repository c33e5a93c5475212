import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import { chooseLanguage, i18n, LANGUAGE_STORAGE_KEY } from '../../src/renderer/src/i18n'

// jsdom has <dialog> but not its modal methods; these behave as the spec says for what the tests observe
// (the `open` attribute, and `close` firing a `close` event).
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
  HTMLDialogElement.prototype.show = function show(this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return
    this.removeAttribute('open')
    this.dispatchEvent(new Event('close'))
  }
}

// The tests read the English window; a test about another language switches and is put back here.
beforeEach(() => chooseLanguage('en'))
afterEach(() => {
  cleanup()
  localStorage.removeItem(LANGUAGE_STORAGE_KEY)
  void i18n.changeLanguage('en')
})

// jsdom does no layout, so every box is 0 px tall and a virtualised list would show no rows at all. Give
// elements the height of a typical list viewport (480 px) so lists render the window a browser would.
export const FAKE_CLIENT_HEIGHT = 480
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get: () => FAKE_CLIENT_HEIGHT,
})
