import { runBrowserKiosk } from './browser-kiosk'

// `npm run start:browser`: the browser kiosk on the machine's clock (electron/bridge/browser-kiosk.ts).
await runBrowserKiosk(Date.now)
