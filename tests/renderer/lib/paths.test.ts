import { describe, expect, it } from 'vitest'
import {
  basename,
  cleanTypedPath,
  dirname,
  isAbsolutePath,
  splitPastedPaths,
  trimTrailingSeparators,
} from '../../../src/renderer/src/lib/paths'

describe('paths', () => {
  it('knows absolute POSIX and Windows paths', () => {
    expect(isAbsolutePath('/home/u')).toBe(true)
    expect(isAbsolutePath('C:\\Users')).toBe(true)
    expect(isAbsolutePath('d:/data')).toBe(true)
    expect(isAbsolutePath('\\\\server\\share')).toBe(true)
    expect(isAbsolutePath('home/u')).toBe(false)
    expect(isAbsolutePath('~/x')).toBe(false)
    expect(isAbsolutePath('C:relative')).toBe(false)
  })

  it('splits POSIX paths, where a backslash is part of a name', () => {
    expect(dirname('/a/b/c.txt')).toBe('/a/b')
    expect(dirname('/a')).toBe('/')
    expect(dirname('/')).toBe('/')
    expect(basename('/a/b\\c.txt')).toBe('b\\c.txt')
    expect(dirname('/a/b\\c.txt')).toBe('/a')
  })

  it('splits Windows paths on either separator and keeps roots', () => {
    expect(dirname('C:\\a\\b.txt')).toBe('C:\\a')
    expect(dirname('C:\\a')).toBe('C:\\')
    expect(dirname('C:/a/b')).toBe('C:/a')
    expect(basename('C:\\a\\b.txt')).toBe('b.txt')
    expect(dirname('\\\\srv\\share\\x')).toBe('\\\\srv\\share\\')
  })

  it('trims trailing separators but not a root', () => {
    expect(trimTrailingSeparators('/a/b//')).toBe('/a/b')
    expect(trimTrailingSeparators('/')).toBe('/')
    expect(trimTrailingSeparators('C:\\')).toBe('C:\\')
    expect(trimTrailingSeparators('C:\\x\\')).toBe('C:\\x')
  })

  it('cleans what people paste: blanks, quotes, file URLs', () => {
    expect(cleanTypedPath('  /tmp/a b/  ')).toBe('/tmp/a b')
    expect(cleanTypedPath('"C:\\Users\\me\\My Files"')).toBe('C:\\Users\\me\\My Files')
    expect(cleanTypedPath('file:///home/u/na%C3%AFve%20dir')).toBe('/home/u/naïve dir')
    expect(cleanTypedPath('file:///C:/Data/x')).toBe('C:/Data/x')
  })

  it('reads one path per pasted line', () => {
    expect(splitPastedPaths('/a\r\n\n  /b c \nfile:///d\n')).toEqual(['/a', '/b c', '/d'])
  })
})
