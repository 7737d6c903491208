import { contextBridge, ipcRenderer } from 'electron'
import { buildKioskApi } from './build-api'

// Runs sandboxed with context isolation: the page gets plain functions, nothing else.
contextBridge.exposeInMainWorld(
  'kiosk',
  buildKioskApi((channel, request) => ipcRenderer.invoke(channel, request)),
)
