import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('ferry', { version: '0.1.0' })
