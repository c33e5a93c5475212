/** The window tells the main process its language at start and on every change (`app:set-language`). */
import { act, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { chooseLanguage } from '../../../src/renderer/src/i18n'
import { renderApp } from '../helpers/render-app'

afterEach(() => {
  act(() => chooseLanguage('en'))
  localStorage.clear()
})

describe("the window's language reaches the main process", () => {
  it('sends the language the window starts in, then each one picked', async () => {
    const { ferry, user } = renderApp()
    expect(ferry.setLanguage).toHaveBeenCalledWith('en')
    await user.selectOptions(screen.getByLabelText('Language'), 'zh-CN')
    expect(ferry.setLanguage).toHaveBeenLastCalledWith('zh-CN')
    expect(screen.getByLabelText('语言')).toBeTruthy()
  })
})
